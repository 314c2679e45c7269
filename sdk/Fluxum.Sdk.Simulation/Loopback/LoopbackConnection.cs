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

    public LoopbackConnection(HttpContext context) => Context = context;

    public HttpContext Context { get; }

    /// <summary>The upgrade completed and the connection was not aborted.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _socket is not null && !_aborted;
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
            if (!_aborted)
            {
                _socket = socket;
                return true;
            }
        }

        Drop(socket, Context);
        return false;
    }

    /// <summary>Drops the connection now if its WebSocket is open, or as soon as its upgrade completes.</summary>
    public void Abort()
    {
        WebSocket? socket;
        lock (_gate)
        {
            if (_aborted)
            {
                return;
            }

            _aborted = true;
            socket = _socket;
        }

        if (socket is not null)
        {
            Drop(socket, Context);
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
