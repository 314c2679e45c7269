using System.Net;
using System.Net.WebSockets;
using System.Text;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Sdk.Tests.Simulation;

public sealed class LoopbackServerTests
{
    [Fact]
    public async Task AbortWebSockets_ConnectedClient_SeesTheConnectionDrop()
    {
        await using var server = LoopbackServer.Start(new EchoHandler());
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
        await using var server = LoopbackServer.Start(handler);
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
        await using var server = LoopbackServer.Start(new EchoHandler());
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
        await using var server = LoopbackServer.Start(handler);
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
        await using var server = LoopbackServer.Start(new EchoHandler());
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri(server.HttpUri, "hello"));

        Assert.Equal("GET /hello", body);
        Assert.Equal("127.0.0.1", server.HttpUri.Host);
    }

    private sealed class GatedHandler : ILoopbackHandler
    {
        private int _served;

        public TaskCompletionSource Inspecting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Served => Volatile.Read(ref _served) == 1;

        public Task HandleHttpAsync(HttpListenerContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("no HTTP here");

        public async Task HandleWebSocketAsync(WebSocket socket, HttpListenerRequest request, CancellationToken cancellationToken)
        {
            Volatile.Write(ref _served, 1);
            while (await socket.ReceiveTextAsync(cancellationToken) is { } text)
            {
                await socket.SendTextAsync(text, cancellationToken);
            }
        }

        public async ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpListenerRequest request, CancellationToken cancellationToken)
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

        public Task HandleHttpAsync(HttpListenerContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("no HTTP here");

        public Task HandleWebSocketAsync(WebSocket socket, HttpListenerRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("the upgrade was to be refused");

        public ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpListenerRequest request, CancellationToken cancellationToken)
        {
            Path = request.Url!.AbsolutePath;
            Header = request.Headers["X-Test"];
            return ValueTask.FromResult<LoopbackRefusal?>(refusal);
        }
    }

    private sealed class EchoHandler : ILoopbackHandler
    {
        public async Task HandleHttpAsync(HttpListenerContext context, CancellationToken cancellationToken)
        {
            var bytes = Encoding.UTF8.GetBytes($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}");
            await context.Response.OutputStream.WriteAsync(bytes, cancellationToken);
            context.Response.Close();
        }

        public async Task HandleWebSocketAsync(WebSocket socket, HttpListenerRequest request, CancellationToken cancellationToken)
        {
            while (await socket.ReceiveTextAsync(cancellationToken) is { } text)
            {
                await socket.SendTextAsync(text, cancellationToken);
            }
        }
    }
}
