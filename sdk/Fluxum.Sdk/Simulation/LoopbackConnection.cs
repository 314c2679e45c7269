using System.Net;
using System.Net.WebSockets;

namespace Fluxum.Sdk.Simulation;

/// <summary>
/// One WebSocket upgrade request of a <see cref="LoopbackServer"/>, tracked from the moment it is accepted
/// from the listener, so a drop requested while it is still mid-handshake is not lost.
/// </summary>
internal sealed class LoopbackConnection
{
    private readonly Lock _gate = new();
    private WebSocket? _socket;
    private bool _aborted;

    public LoopbackConnection(HttpListenerContext context) => Context = context;

    public HttpListenerContext Context { get; }

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

    /// <summary>Closes the response (the TCP connection itself) without throwing if it is already gone.</summary>
    public static void TryClose(HttpListenerContext context)
    {
        try
        {
            context.Response.Abort();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }
    }

    private static void Drop(WebSocket socket, HttpListenerContext context)
    {
        socket.Abort();

        // Aborting the managed WebSocket alone leaves the TCP connection open (the client would see a stall,
        // not a drop): aborting the response closes the connection itself.
        TryClose(context);
    }
}
