using System.Net;
using System.Net.NetworkInformation;
using System.Net.WebSockets;
using System.Text;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fluxum.Sdk.Simulation.Tests.Loopback;

public sealed class LoopbackServerTests
{
    [Fact]
    public async Task AbortWebSockets_ConnectedClient_SeesTheConnectionDrop()
    {
        await using var server = await LoopbackServer.StartAsync(new EchoHandler());
        using var client = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(server.WebSocketUri, timeout.Token);
        await client.SendAsync(Encoding.UTF8.GetBytes("ping"), WebSocketMessageType.Text, true, timeout.Token);
        Assert.Equal("ping", await client.ReceiveTextAsync(timeout.Token));

        server.AbortWebSockets();

        // The client must notice promptly: an exception or a close, never a silent stall until the timeout.
        var dropped = await Record.ExceptionAsync(async () => Assert.Null(await client.ReceiveTextAsync(timeout.Token)));
        Assert.False(timeout.IsCancellationRequested, "the drop was not noticed before the timeout");
        Assert.True(dropped is null or WebSocketException, $"unexpected {dropped}");
    }

    [Fact]
    public async Task AbortWebSockets_ClientMidHandshake_IsDroppedOnceTheUpgradeCompletes()
    {
        var handler = new GatedHandler();
        await using var server = await LoopbackServer.StartAsync(handler);
        using var client = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var connecting = client.ConnectAsync(server.WebSocketUri, timeout.Token);
        await handler.Inspecting.Task.WaitAsync(timeout.Token);

        // The drop is requested while the server holds the upgrade request, before the WebSocket exists.
        server.AbortWebSockets();
        handler.Release.SetResult();

        var dropped = await Record.ExceptionAsync(async () =>
        {
            await connecting;
            Assert.Null(await client.ReceiveTextAsync(timeout.Token));
        });
        Assert.False(timeout.IsCancellationRequested, "the client mid-handshake kept its connection after the drop");
        Assert.True(dropped is null or WebSocketException, $"unexpected {dropped}");
        Assert.False(handler.Served, "a connection covered by the drop was handed to the handler");
        Assert.Equal(0, server.OpenWebSockets);
    }

    [Fact]
    public async Task AbortWebSockets_ClientConnectingAfterTheDrop_KeepsItsConnection()
    {
        await using var server = await LoopbackServer.StartAsync(new EchoHandler());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        server.AbortWebSockets();
        using var client = new ClientWebSocket();

        await client.ConnectAsync(server.WebSocketUri, timeout.Token);
        await client.SendAsync(Encoding.UTF8.GetBytes("ping"), WebSocketMessageType.Text, true, timeout.Token);

        Assert.Equal("ping", await client.ReceiveTextAsync(timeout.Token));
        Assert.Equal(1, server.OpenWebSockets);
    }

    [Fact]
    public async Task InspectUpgrade_Refusal_AnswersWithTheHttpStatusAndNoWebSocket()
    {
        var handler = new RefusingHandler(new LoopbackRefusal(401, "{\"result\":\"error\",\"reason\":\"InvalidSignature\"}"));
        await using var server = await LoopbackServer.StartAsync(handler);
        using var client = new ClientWebSocket();
        client.Options.CollectHttpResponseDetails = true;
        client.Options.SetRequestHeader("X-Test", "refuse-me");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => client.ConnectAsync(new Uri(server.WebSocketUri, "private?x=1"), timeout.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, client.HttpStatusCode);
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        Assert.Equal("/private", handler.Path);
        Assert.Equal("refuse-me", handler.Header);
        Assert.Equal(0, server.OpenWebSockets);
    }

    [Fact]
    public async Task HandleHttp_PlainRequest_IsAnsweredOnLoopback()
    {
        await using var server = await LoopbackServer.StartAsync(new EchoHandler());
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri(server.HttpUri, "hello"));

        Assert.Equal("GET /hello", body);
        Assert.Equal("127.0.0.1", server.HttpUri.Host);
    }

    [Fact]
    public async Task StartAsync_PortZero_BindsAFreePortOnLoopbackOnly()
    {
        await using var server = await LoopbackServer.StartAsync(new EchoHandler());

        Assert.NotEqual(0, server.Port);
        var listeners = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Where(e => e.Port == server.Port).ToList();
        var listener = Assert.Single(listeners);
        Assert.Equal(IPAddress.Loopback, listener.Address);
        using var http = new HttpClient();
        Assert.Equal("GET /bound", await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/bound")));
    }

    [Fact]
    public async Task StartAsync_PortTaken_Throws()
    {
        await using var first = await LoopbackServer.StartAsync(new EchoHandler());

        await Assert.ThrowsAnyAsync<IOException>(() => LoopbackServer.StartAsync(new EchoHandler(), first.Port));
    }

    [Fact]
    public async Task DisposeAsync_OpenWebSocket_ClientSeesTheDropAndDisposeCompletes()
    {
        var server = await LoopbackServer.StartAsync(new EchoHandler());
        using var client = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(server.WebSocketUri, timeout.Token);
        Assert.Equal(1, server.OpenWebSockets);

        await server.DisposeAsync().AsTask().WaitAsync(timeout.Token);

        var dropped = await Record.ExceptionAsync(async () => Assert.Null(await client.ReceiveTextAsync(timeout.Token)));
        Assert.False(timeout.IsCancellationRequested, "the drop was not noticed before the timeout");
        Assert.True(dropped is null or WebSocketException, $"unexpected {dropped}");
    }

    [Fact]
    public async Task StartAsync_LoggerFactory_ServerLogsBelowWarningAreFilteredOut()
    {
        var logs = new RecordingLoggerFactory();
        await using (var server = await LoopbackServer.StartAsync(new EchoHandler(), loggerFactory: logs))
        {
            using var http = new HttpClient();
            Assert.Equal("GET /quiet", await http.GetStringAsync(new Uri(server.HttpUri, "quiet")));
        }

        Assert.NotEmpty(logs.Categories);
        Assert.DoesNotContain(logs.Entries, e => e.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task HandleHttp_ThrowingHandler_AnswersWithoutStoppingTheServer()
    {
        await using var server = await LoopbackServer.StartAsync(new RefusingHandler(new LoopbackRefusal(401, "{}")));
        using var http = new HttpClient();

        using var failed = await http.GetAsync(new Uri(server.HttpUri, "boom"));
        using var again = await http.GetAsync(new Uri(server.HttpUri, "boom"));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode);
    }

    private sealed class RecordingLoggerFactory : ILoggerFactory
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Category, LogLevel Level)> Entries { get; } = new();

        public System.Collections.Concurrent.ConcurrentDictionary<string, byte> Categories { get; } = new();

        public ILogger CreateLogger(string categoryName)
        {
            Categories.TryAdd(categoryName, 0);
            return new RecordingLogger(this, categoryName);
        }

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }

        private sealed class RecordingLogger(RecordingLoggerFactory owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((category, logLevel));
        }
    }

    private sealed class GatedHandler : ILoopbackHandler
    {
        private int _served;

        public TaskCompletionSource Inspecting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Served => Volatile.Read(ref _served) == 1;

        public Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("no HTTP here");

        public async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
        {
            Volatile.Write(ref _served, 1);
            while (await socket.ReceiveTextAsync(cancellationToken) is { } text)
            {
                await socket.SendTextAsync(text, cancellationToken);
            }
        }

        public async ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            Inspecting.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return null;
        }
    }

    private sealed class RefusingHandler(LoopbackRefusal refusal) : ILoopbackHandler
    {
        public string? Path { get; private set; }

        public string? Header { get; private set; }

        public Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("no HTTP here");

        public Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("the upgrade was to be refused");

        public ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpRequest request, CancellationToken cancellationToken)
        {
            Path = request.Path.Value;
            Header = request.Headers["X-Test"];
            return ValueTask.FromResult<LoopbackRefusal?>(refusal);
        }
    }

    private sealed class EchoHandler : ILoopbackHandler
    {
        public async Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes($"{context.Request.Method} {context.Request.Path}");
            await context.Response.Body.WriteAsync(bytes, cancellationToken);
        }

        public async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
        {
            while (await socket.ReceiveTextAsync(cancellationToken) is { } text)
            {
                await socket.SendTextAsync(text, cancellationToken);
            }
        }
    }
}
