using System.Net;
using System.Net.WebSockets;
using System.Text;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Simulation;
using Fluxum.Sdk.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Transport;

public sealed class WebSocketClientTransportTests
{
    private static readonly WebSocketClientTransport Transport = new(WebSocketTransportOptions.Default, TimeProvider.System, NullLoggerFactory.Instance);

    [Fact]
    public async Task ConnectAsync_SendsHeadersAndTextAndReceivesFramesAsBytes()
    {
        await using var server = await TestVenueServer.StartAsync();
        var endpoint = new WebSocketEndpoint(server.Uri) { Headers = new Dictionary<string, string> { ["X-Test"] = "abc" } };
        await using var connection = await Transport.ConnectAsync(endpoint);

        await connection.SendAsync("{\"op\":\"subscribe\",\"channel\":\"trades\",\"symbol\":\"BTC/USD\"}"u8.ToArray());
        await using var frames = connection.ReceiveAsync().GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal("abc", server.LastTestHeader);
        Assert.StartsWith("{\"type\":\"ack\"", Encoding.UTF8.GetString(frames.Current.Payload.Span), StringComparison.Ordinal);
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task ReceiveAsync_ServerCloses_StreamEndsAndReasonIsKnown()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var connection = await Transport.ConnectAsync(new WebSocketEndpoint(server.Uri));
        await Eventually.TrueAsync(() => server.OpenSockets == 1, "the server's socket");

        await server.KillAsync();
        var frames = 0;
        await foreach (var unused in connection.ReceiveAsync().WithCancellation(new CancellationTokenSource(10_000).Token))
        {
            frames++;
        }

        Assert.Equal(0, frames);
        Assert.False(connection.IsOpen);
        Assert.StartsWith("connection lost", ((IConnectionDiagnostics)connection).CloseReason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WebSocketException>(() => connection.SendAsync("{}"u8.ToArray()));
    }

    [Fact]
    public async Task Receive_BurstLargerThanTheBufferReadSlowly_FlowControlledNothingLostConnectionKept()
    {
        await using var server = await TestVenueServer.StartAsync();
        var small = new WebSocketClientTransport(WebSocketTransportOptions.Default with { ReceiveBufferFrames = 2 }, TimeProvider.System, NullLoggerFactory.Instance);
        await using var connection = await small.ConnectAsync(new WebSocketEndpoint(server.Uri));
        await Eventually.TrueAsync(() => server.OpenSockets == 1, "the server's socket");

        // Twenty frames at once into a buffer of two, read by a session that takes 20 ms a frame (0.4 s in all, within
        // the grace): the receive loop waits for room each time instead of closing.
        for (var i = 0; i < 20; i++)
        {
            await server.BroadcastAsync(TestVenueServer.Trade(i));
        }

        var received = new List<string>();
        await using (var frames = connection.ReceiveAsync().GetAsyncEnumerator())
        {
            while (received.Count < 20 && await frames.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
            {
                received.Add(Encoding.UTF8.GetString(frames.Current.Payload.Span));
                await Task.Delay(20);
            }
        }

        Assert.Equal(20, received.Count);
        Assert.All(received.Select((text, i) => (text, i)), f => Assert.Equal(TestVenueServer.Trade(f.i), f.text));
        Assert.True(connection.IsOpen);
        Assert.Null(((IConnectionDiagnostics)connection).CloseReason);
        Assert.True(((IConnectionDiagnostics)connection).ReceiveWaits > 0, "the full buffer was waited on, and counted");
    }

    [Fact]
    public async Task Receive_ReaderFarBehind_ConnectionClosesAsOverflowedInsteadOfDroppingFrames()
    {
        await using var server = await TestVenueServer.StartAsync();
        var small = new WebSocketClientTransport(WebSocketTransportOptions.Default with { ReceiveBufferFrames = 2, ReceiveOverflowGrace = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLoggerFactory.Instance);
        await using var connection = await small.ConnectAsync(new WebSocketEndpoint(server.Uri));
        await Eventually.TrueAsync(() => server.OpenSockets == 1, "the server's socket");

        for (var i = 0; i < 5; i++)
        {
            await server.BroadcastAsync(TestVenueServer.Trade(i));
        }

        await Eventually.TrueAsync(() => !connection.IsOpen, "the overflowed connection closed");
        Assert.StartsWith("receive buffer overflow", ((IConnectionDiagnostics)connection).CloseReason, StringComparison.Ordinal);
        var kept = 0;
        await foreach (var unused in connection.ReceiveAsync())
        {
            kept++;
        }

        Assert.Equal(2, kept);
    }

    [Theory]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(400, false)]
    public async Task ConnectAsync_UpgradeRefusedWithHttpStatus_ThrowsRefusalNamingServerAndStatus(int status, bool authentication)
    {
        await using var server = await LoopbackServer.StartAsync(new RefusingHandler(new LoopbackRefusal(status, """{"result":"error","reason":"InvalidSignature","message":"InvalidSignature"}""")));
        var endpoint = new WebSocketEndpoint(server.WebSocketUri) { Headers = new Dictionary<string, string> { ["X-GEMINI-SIGNATURE"] = "secret-signature" } };

        var refused = await Assert.ThrowsAsync<WebSocketHandshakeRefusedException>(() => Transport.ConnectAsync(endpoint));

        Assert.Equal((HttpStatusCode)status, refused.Status);
        Assert.Equal(authentication, refused.IsAuthenticationFailure);
        Assert.StartsWith($"127.0.0.1:{server.Port} refused the WebSocket handshake with HTTP {status} ", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith("""the server said: {"result":"error","reason":"InvalidSignature","message":"InvalidSignature"}""", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-signature", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_PeerStopsReading_CompletesOnlyWhenTheSocketTookTheMessage()
    {
        // A peer that never reads: once the socket buffers are full, a send cannot complete. A send that
        // only queued the message would report success here and fail later where nobody sees it.
        await using var server = await LoopbackServer.StartAsync(new NeverReadingHandler());
        await using var connection = await Transport.ConnectAsync(new WebSocketEndpoint(server.WebSocketUri));
        var large = new byte[64 * 1024 * 1024];
        large.AsSpan().Fill((byte)'x');
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.SendAsync(large, giveUp.Token));
    }

    [Fact]
    public async Task SendAsync_SmallMessages_AreDeliveredInOrder()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var connection = await Transport.ConnectAsync(new WebSocketEndpoint(server.Uri));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => connection.SendAsync(Encoding.UTF8.GetBytes($"{{\"op\":\"ping\",\"n\":{i}}}"))));

        await Eventually.TrueAsync(() => server.Received.Count == 20, "all 20 messages received");
        Assert.All(server.Received, m => Assert.StartsWith("{\"op\":\"ping\"", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_Throws()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Transport.ConnectAsync(new WebSocketEndpoint(new Uri("ws://127.0.0.1:1/"))));
    }

    private sealed class NeverReadingHandler : ILoopbackHandler
    {
        public Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("no HTTP here");

        public Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private sealed class RefusingHandler(LoopbackRefusal refusal) : ILoopbackHandler
    {
        public Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("no HTTP here");

        public Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("the upgrade was to be refused");

        public ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<LoopbackRefusal?>(refusal);
    }
}
