using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Sdk.Simulation;

/// <summary>
/// One WebSocket upgrade request of a <see cref="LoopbackServer"/>, tracked from the moment the server sees
/// it, so a drop requested while it is still mid-handshake is not lost.
/// </summary>
internal sealed class LoopbackConnection
{
    private readonly Lock _gate = new();
    private WebSocket? _socket;
    private bool _aborted;
    private bool _closed;

    public LoopbackConnection(HttpContext context) => Context = context;

    public HttpContext Context { get; }

    /// <summary>The upgrade completed and the connection was not aborted.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _socket is not null && !_aborted && !_closed;
            }
        }
    }

    /// <summary>
    /// Attaches the accepted WebSocket. False when a drop covered this connection before its upgrade
    /// completed: the socket is then aborted right away and must not be served.
    /// </summary>
    public bool TryOpen(WebSocket socket)
    {
        lock (_gate)
        {
            if (_aborted)
            {
                Drop(socket, Context);
                return false;
            }

            _socket = socket;
            return true;
        }
    }

    /// <summary>Drops the connection now if its WebSocket is open, or as soon as its upgrade completes.</summary>
    public void Abort()
    {
        // Under the lock, against Close: once the request ended, the server may recycle its context for
        // another connection, which an abort must never reach.
        lock (_gate)
        {
            if (_aborted || _closed)
            {
                return;
            }

            _aborted = true;
            if (_socket is not null)
            {
                Drop(_socket, Context);
            }
        }
    }

    /// <summary>The request is ending: from now on an abort does nothing. Called before the request returns to the server.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    private static void Drop(WebSocket socket, HttpContext context)
    {
        socket.Abort();

        // Aborting the WebSocket alone may leave the TCP connection open (the client would see a stall, not a
        // drop): aborting the request closes the connection itself.
        context.Abort();
    }
}
