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
    private readonly ConcurrentDictionary<WebSocket, HttpListenerContext> _sockets = new();
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
    public int OpenWebSockets => _sockets.Count;

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
    /// Aborts every WebSocket open when called (a dropped connection, as the client sees it). Only those: a
    /// client that reconnects while the others are being aborted keeps its new connection.
    /// </summary>
    public void AbortWebSockets()
    {
        foreach (var (socket, context) in _sockets.ToArray())
        {
            socket.Abort();

            // Aborting the managed WebSocket alone leaves the TCP connection open (the client would see a
            // stall, not a drop): aborting the response closes the connection itself.
            TryClose(context);
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

            var work = ServeAsync(context);
            _work.TryAdd(work, 0);
            _ = work.ContinueWith(t => _work.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            if (context.Request.IsWebSocketRequest)
            {
                var accepted = await context.AcceptWebSocketAsync(subProtocol: null);
                var socket = accepted.WebSocket;
                _sockets.TryAdd(socket, context);
                try
                {
                    await _handler.HandleWebSocketAsync(socket, context.Request, _stop.Token);
                }
                finally
                {
                    _sockets.TryRemove(socket, out _);
                    socket.Dispose();
                }
            }
            else
            {
                await _handler.HandleHttpAsync(context, _stop.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or HttpListenerException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // A client that goes away mid-request is normal for a server: the connection just ends.
            TryClose(context);
        }
    }

    private static void TryClose(HttpListenerContext context)
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
}
