using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Fluxum.Sdk.Simulation;

/// <summary>
/// An HTTP and WebSocket server bound to 127.0.0.1 only, for venue simulators and tests. Built on the
/// BCL's <see cref="HttpListener"/>, so plugins need no web framework.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ILoopbackHandler _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<LoopbackConnection, byte> _connections = new();
    private readonly ConcurrentDictionary<Task, byte> _work = new();
    private Task? _acceptLoop;

    private LoopbackServer(HttpListener listener, ILoopbackHandler handler, int port)
    {
        _listener = listener;
        _handler = handler;
        Port = port;
    }

    /// <summary>The bound port.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    /// <summary><c>ws://127.0.0.1:port/</c>.</summary>
    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/");

    /// <summary>How many WebSockets are open.</summary>
    public int OpenWebSockets
    {
        get
        {
            var open = 0;
            foreach (var connection in _connections.Keys)
            {
                open += connection.IsOpen ? 1 : 0;
            }

            return open;
        }
    }

    /// <summary>Starts serving on <paramref name="port"/> (0 picks a free port).</summary>
    public static LoopbackServer Start(ILoopbackHandler handler, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(handler);
        for (var attempt = 0; ; attempt++)
        {
            var candidate = port != 0 ? port : FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{candidate}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (port == 0 && attempt < 5)
            {
                // Another process took the port between probing and binding: try another.
                listener.Close();
                continue;
            }

            var server = new LoopbackServer(listener, handler, candidate);
            server._acceptLoop = Task.Run(server.AcceptLoopAsync);
            return server;
        }
    }

    /// <summary>
    /// Drops every WebSocket connection accepted from the listener before the call (a dropped connection, as
    /// the client sees it): open ones at once, ones still mid-handshake as soon as their upgrade completes
    /// (they are never handed to the handler). Only those: a client that connects after the call keeps its
    /// new connection.
    /// </summary>
    public void AbortWebSockets()
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Abort();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        AbortWebSockets();
        _listener.Close();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(_work.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // The listener was closed: the server is stopping.
                return;
            }

            // Tracked from here, before any await: a drop requested from now on covers this connection.
            LoopbackConnection? connection = null;
            if (context.Request.IsWebSocketRequest)
            {
                connection = new LoopbackConnection(context);
                _connections.TryAdd(connection, 0);
            }

            var work = ServeAsync(context, connection);
            _work.TryAdd(work, 0);
            _ = work.ContinueWith(t => _work.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(HttpListenerContext context, LoopbackConnection? connection)
    {
        try
        {
            if (connection is not null)
            {
                await ServeWebSocketAsync(connection);
            }
            else
            {
                await _handler.HandleHttpAsync(context, _stop.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or HttpListenerException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // A client that goes away mid-request is normal for a server: the connection just ends.
            LoopbackConnection.TryClose(context);
        }
        finally
        {
            if (connection is not null)
            {
                _connections.TryRemove(connection, out _);
            }
        }
    }

    private async Task ServeWebSocketAsync(LoopbackConnection connection)
    {
        var context = connection.Context;
        if (await _handler.InspectUpgradeAsync(context.Request, _stop.Token) is { } refusal)
        {
            await RefuseAsync(context, refusal);
            return;
        }

        var accepted = await context.AcceptWebSocketAsync(subProtocol: null);
        var socket = accepted.WebSocket;
        try
        {
            if (connection.TryOpen(socket))
            {
                await _handler.HandleWebSocketAsync(socket, context.Request, _stop.Token);
            }
        }
        finally
        {
            socket.Dispose();
        }
    }

    private async Task RefuseAsync(HttpListenerContext context, LoopbackRefusal refusal)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(refusal.Body);
        context.Response.StatusCode = refusal.StatusCode;
        context.Response.ContentType = refusal.ContentType;
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body, _stop.Token);
        context.Response.Close();
    }
}
