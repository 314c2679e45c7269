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
    public async Task HandleHttp_PlainRequest_IsAnsweredOnLoopback()
    {
        await using var server = LoopbackServer.Start(new EchoHandler());
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri(server.HttpUri, "hello"));

        Assert.Equal("GET /hello", body);
        Assert.Equal("127.0.0.1", server.HttpUri.Host);
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
