using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fluxum.Sdk.Simulation;

/// <summary>
/// An HTTP and WebSocket server bound to 127.0.0.1 only, for venue simulators and tests, on ASP.NET Core
/// Kestrel with the WebSockets middleware. Plain requests go to <see cref="ILoopbackHandler.HandleHttpAsync"/>;
/// upgrade requests are shown to <see cref="ILoopbackHandler.InspectUpgradeAsync"/>, then accepted and served.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    /// <summary>How long a stop waits for requests still running after every WebSocket was dropped.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly ILoopbackHandler _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<LoopbackConnection, byte> _connections = new();
    private WebApplication? _app;

    private LoopbackServer(ILoopbackHandler handler) => _handler = handler;

    /// <summary>The bound port.</summary>
    public int Port { get; private set; }

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

    /// <summary>
    /// Starts serving on 127.0.0.1:<paramref name="port"/>; 0 lets the operating system bind a free port
    /// (read it from <see cref="Port"/>). The server's own logs (Kestrel's) go to <paramref name="loggerFactory"/>,
    /// below <see cref="LogLevel.Warning"/> filtered out; none when it is null.
    /// </summary>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<LoopbackServer> StartAsync(ILoopbackHandler handler, int port = 0, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        var server = new LoopbackServer(handler);
        var app = server.Build(port, loggerFactory);
        var started = false;
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            server._app = app;
            server.Port = BoundPort(app);
            started = true;
            return server;
        }
        finally
        {
            if (!started)
            {
                await app.DisposeAsync().ConfigureAwait(false);
                server._stop.Dispose();
            }
        }
    }

    /// <summary>
    /// Drops every WebSocket connection the server saw before the call (a dropped connection, as the client
    /// sees it): open ones at once, ones still mid-handshake as soon as their upgrade completes (they are never
    /// handed to the handler). Only those: a client that connects after the call keeps its new connection.
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
        if (_app is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        AbortWebSockets();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
        _stop.Dispose();
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single()).Port;
    }

    private WebApplication Build(int port, ILoggerFactory? loggerFactory)
    {
        // The empty builder reads no configuration, environment variables or command line: nothing outside
        // can move the server off 127.0.0.1 or change its port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        var app = builder.Build();
        app.UseWebSockets();
        app.Run(ServeAsync);
        return app;
    }

    private async Task ServeAsync(HttpContext context)
    {
        // Tracked from here, before any await: a drop requested from now on covers this connection.
        LoopbackConnection? connection = null;
        if (context.WebSockets.IsWebSocketRequest)
        {
            connection = new LoopbackConnection(context);
            _connections.TryAdd(connection, 0);
        }

        try
        {
            if (connection is not null)
            {
                await ServeWebSocketAsync(connection).ConfigureAwait(false);
            }
            else
            {
                await _handler.HandleHttpAsync(context, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // A client that goes away mid-request is normal for a server: the connection just ends.
            context.Abort();
        }
        finally
        {
            if (connection is not null)
            {
                connection.Close();
                _connections.TryRemove(connection, out _);
            }
        }
    }

    private async Task ServeWebSocketAsync(LoopbackConnection connection)
    {
        var context = connection.Context;
        if (await _handler.InspectUpgradeAsync(context.Request, _stop.Token).ConfigureAwait(false) is { } refusal)
        {
            await RefuseAsync(context, refusal).ConfigureAwait(false);
            return;
        }

        using var socket = _handler.WebSocketKeepAlive is { } keepAlive
            ? await context.WebSockets.AcceptWebSocketAsync(AcceptContext(keepAlive)).ConfigureAwait(false)
            : await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        if (connection.TryOpen(socket))
        {
            await _handler.HandleWebSocketAsync(socket, context.Request, _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The accept options of a keep-alive: given a timeout, the WebSocket sends ping frames (not unsolicited pongs)
    /// every interval and aborts a peer that does not answer one in time.
    /// </summary>
    private static WebSocketAcceptContext AcceptContext(LoopbackKeepAlive keepAlive) =>
        new() { KeepAliveInterval = keepAlive.Interval, KeepAliveTimeout = keepAlive.Timeout };

    private async Task RefuseAsync(HttpContext context, LoopbackRefusal refusal)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(refusal.Body);
        context.Response.StatusCode = refusal.StatusCode;
        context.Response.ContentType = refusal.ContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, _stop.Token).ConfigureAwait(false);
    }
}
