using System.Net.WebSockets;
using System.Text;
using Fluxum.Sdk.Testing.Time;
using Fluxum.Sdk.Testing.Transport;
using Fluxum.Sdk.Transport;

namespace Fluxum.Sdk.Tests.Testing;

public sealed class FakeWebSocketTransportTests
{
    private static readonly WebSocketEndpoint Endpoint = new(new Uri("ws://127.0.0.1:1/ws"));
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ConnectAsync_FedFrames_AreReceivedInOrderWithClockTime()
    {
        var clock = TestClock.Create();
        var transport = new FakeWebSocketTransport(clock);
        await using var connection = await transport.ConnectAsync(Endpoint);
        var fake = transport.Current;

        fake.Feed("{\"a\":1}");
        fake.Feed(new byte[] { 1, 2, 3 }, isText: false);
        fake.CloseFromServer();

        var frames = new List<(string, bool, DateTimeOffset)>();
        await foreach (var frame in connection.ReceiveAsync())
        {
            frames.Add((frame.IsText ? Encoding.UTF8.GetString(frame.Payload.Span) : Convert.ToHexString(frame.Payload.Span), frame.IsText, frame.ReceivedAt));
        }

        Assert.Equal([("{\"a\":1}", true, TestClock.Start), ("010203", false, TestClock.Start)], frames);
        Assert.False(connection.IsOpen);
        Assert.Same(Endpoint, fake.Endpoint);
    }

    [Fact]
    public async Task SendAsync_Messages_AreCapturedAndAwaitable()
    {
        var transport = new FakeWebSocketTransport();
        await using var connection = await transport.ConnectAsync(Endpoint);
        var subscribed = transport.Current.WaitForSentAsync(text => text.Contains("subscribe", StringComparison.Ordinal));
        Assert.False(subscribed.IsCompleted);

        await connection.SendAsync(Encoding.UTF8.GetBytes("ping"));
        await connection.SendAsync(Encoding.UTF8.GetBytes("{\"method\":\"subscribe\"}"));

        Assert.Equal("{\"method\":\"subscribe\"}", await subscribed.WaitAsync(Timeout));
        Assert.Equal(["ping", "{\"method\":\"subscribe\"}"], transport.Current.Sent);
        Assert.Equal("ping", await transport.Current.WaitForSentAsync(t => t == "ping").WaitAsync(Timeout));
    }

    [Fact]
    public async Task Drop_AfterFedFrames_DeliversThemThenThrows()
    {
        var transport = new FakeWebSocketTransport();
        await using var connection = await transport.ConnectAsync(Endpoint);
        transport.Current.Feed("last words");
        transport.Current.Drop();

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<WebSocketException>(async () =>
        {
            await foreach (var frame in connection.ReceiveAsync())
            {
                received.Add(Encoding.UTF8.GetString(frame.Payload.Span));
            }
        });

        Assert.Equal(["last words"], received);
        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, error.WebSocketErrorCode);
        Assert.False(connection.IsOpen);
    }

    [Fact]
    public async Task ConnectAsync_QueuedFailures_FailInOrderThenSucceed()
    {
        var transport = new FakeWebSocketTransport();
        transport.FailNextConnect();
        transport.FailNextConnect(new TimeoutException("handshake timed out"));

        await Assert.ThrowsAsync<WebSocketException>(() => transport.ConnectAsync(Endpoint));
        await Assert.ThrowsAsync<TimeoutException>(() => transport.ConnectAsync(Endpoint));
        var connection = await transport.ConnectAsync(Endpoint);

        Assert.Equal(3, transport.Attempts.Count);
        Assert.Same(connection, Assert.Single(transport.Connections));
    }

    [Fact]
    public async Task WaitForConnectionAsync_SecondConnection_CompletesWhenItOpens()
    {
        var transport = new FakeWebSocketTransport();
        var second = transport.WaitForConnectionAsync(2);
        await transport.ConnectAsync(Endpoint);
        Assert.False(second.IsCompleted);

        var opened = await transport.ConnectAsync(Endpoint);

        Assert.Same(opened, await second.WaitAsync(Timeout));
        Assert.Same(transport.Connections[0], await transport.WaitForConnectionAsync(1));
    }

    [Fact]
    public async Task CloseAsync_ByClient_EndsReceiveAndRejectsSends()
    {
        var transport = new FakeWebSocketTransport();
        var connection = await transport.ConnectAsync(Endpoint);
        await using var frames = connection.ReceiveAsync().GetAsyncEnumerator();
        var next = frames.MoveNextAsync().AsTask();

        await connection.CloseAsync();

        Assert.False(await next.WaitAsync(Timeout));
        Assert.True(transport.Current.ClosedByClient);
        await Assert.ThrowsAsync<WebSocketException>(() => connection.SendAsync(Encoding.UTF8.GetBytes("late")));
        Assert.Throws<InvalidOperationException>(() => transport.Current.Feed("too late"));
    }

    [Fact]
    public async Task FailSends_SetError_SendThrowsIt()
    {
        var transport = new FakeWebSocketTransport();
        await using var connection = await transport.ConnectAsync(Endpoint);
        transport.Current.FailSends(new IOException("broken pipe"));

        await Assert.ThrowsAsync<IOException>(() => connection.SendAsync(Encoding.UTF8.GetBytes("x")));

        transport.Current.FailSends(null);
        await connection.SendAsync(Encoding.UTF8.GetBytes("y"));
        Assert.Equal(["y"], transport.Current.Sent);
    }

    [Fact]
    public async Task Responder_SubscribeSent_RepliesAreFedInOrderOnEveryConnection()
    {
        var transport = new FakeWebSocketTransport
        {
            Responder = sent => sent.StartsWith("sub", StringComparison.Ordinal) ? ["ack", "snapshot"] : null,
        };
        await using var connection = await transport.ConnectAsync(Endpoint);

        await connection.SendAsync(Encoding.UTF8.GetBytes("ping"));
        await connection.SendAsync(Encoding.UTF8.GetBytes("sub btc"));
        transport.Current.CloseFromServer();

        var received = new List<string>();
        await foreach (var frame in connection.ReceiveAsync())
        {
            received.Add(Encoding.UTF8.GetString(frame.Payload.Span));
        }

        Assert.Equal(["ack", "snapshot"], received);
    }

    [Fact]
    public void Current_BeforeAnyConnection_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new FakeWebSocketTransport().Current);
    }
}
