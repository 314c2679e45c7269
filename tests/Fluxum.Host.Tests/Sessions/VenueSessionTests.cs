using Fluxum.Host.MarketData;
using Fluxum.Host.Sessions;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Transport;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Transport;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Sessions;

namespace Fluxum.Host.Tests.Sessions;

public sealed class VenueSessionTests
{
    private static readonly Subscription BtcTrades = new(MarketChannel.Trades, JsonTestProtocol.Btc);

    [Fact]
    public async Task ConnectAsync_WithSubscriptions_PassesStatesInOrderAndSubscribes()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        await harness.SubscribeAsync(BtcTrades);

        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SessionState.Ready, harness.Session.State);
        await harness.States.WaitForAsync(SessionPhase.Ready);
        Assert.Equal(["Connecting", "Connected", "Subscribing", "Ready"], harness.States.All.Select(s => s.Name));
        Assert.Equal(1, server.SubscribeCount("trades", "BTC/USD"));
        Assert.Equal("header-value", server.LastTestHeader);
    }

    [Fact]
    public async Task ConnectAsync_PrivateConnection_PassesAuthenticated()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server, kind: Fluxum.Sdk.Plugins.ConnectionKind.Private);
        await harness.SubscribeAsync(BtcTrades);

        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await harness.States.WaitForAsync(SessionPhase.Ready);
        Assert.Equal(["Connecting", "Connected", "Authenticated", "Subscribing", "Ready"], harness.States.All.Select(s => s.Name));
    }

    [Fact]
    public async Task ServerKillsConnection_SessionReconnectsResubscribesAndStreamContinues()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        var trades = harness.Hub.Trades(JsonTestProtocol.Btc);
        await harness.SubscribeAsync(BtcTrades);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await server.BroadcastAsync(TestVenueServer.Trade(1));
        await using var reader = trades.GetAsyncEnumerator();
        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("1", reader.Current.TradeId);

        await server.KillAsync();

        var reconnecting = await harness.States.WaitForAsync(SessionPhase.Reconnecting);
        Assert.Equal(1, reconnecting.Attempt);
        Assert.InRange(reconnecting.Backoff.TotalMilliseconds, 15, 25);
        await harness.States.WaitForAsync(SessionPhase.Ready);
        Assert.Equal(2, server.SubscribeCount("trades", "BTC/USD"));
        Assert.Equal(2, harness.Protocol.Connections);
        await server.BroadcastAsync(TestVenueServer.Trade(2));
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("2", reader.Current.TradeId);
        Assert.Equal(1, harness.Session.Counters.Reconnects);
    }

    [Fact]
    public async Task ServerNeverComesBack_FailsAfterConfiguredAttempts()
    {
        var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server, SessionHarness.FastPolicy(maxAttempts: 3));
        await harness.SubscribeAsync(BtcTrades);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await server.DisposeAsync();

        var failed = await harness.States.WaitForAsync(SessionPhase.Failed);
        Assert.Contains("gave up after 3 reconnect attempts", failed.Error!.Message, StringComparison.Ordinal);
        List<SessionState> all;
        lock (harness.States.All)
        {
            all = [.. harness.States.All];
        }

        Assert.Equal([1, 2, 3], all.Where(s => s.Phase == SessionPhase.Reconnecting).Select(r => r.Attempt));
        Assert.Contains("connect failed", all.Where(s => s.Phase == SessionPhase.Reconnecting).Last().Reason, StringComparison.Ordinal);
        Assert.Equal(SessionPhase.Failed, harness.Session.State.Phase);
    }

    [Fact]
    public async Task SilentServer_WatchdogDeclaresConnectionDeadAndReconnects()
    {
        // The sockets are real; the watchdog and the backoff run on a fake clock, so a slow machine can neither
        // trip the watchdog early nor trip it again on the next connection before the test has looked.
        var time = new TimerWatchingTimeProvider();
        var watchdog = TimeSpan.FromMilliseconds(300);
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server, SessionHarness.FastPolicy(watchdogMs: (int)watchdog.TotalMilliseconds), time: time);
        await harness.SubscribeAsync(BtcTrades);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        server.Silent = true;
        await time.WaitForTimerAsync(watchdog);
        time.Advance(watchdog - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, harness.Session.Counters.WatchdogTrips);

        time.Advance(TimeSpan.FromMilliseconds(1));

        var reconnecting = await harness.States.WaitForAsync(SessionPhase.Reconnecting);
        Assert.StartsWith("watchdog: no frame for 300 ms", reconnecting.Reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Session.Counters.WatchdogTrips);
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(Math.Floor(reconnecting.Backoff.TotalMilliseconds))); // Task.Delay keeps whole milliseconds
        time.Advance(reconnecting.Backoff);
        await harness.States.WaitForAsync(SessionPhase.Connected);
        await Eventually.TrueAsync(() => server.Connections == 2, "a second connection");
        Assert.Equal(1, harness.Session.Counters.WatchdogTrips);
    }

    [Fact]
    public async Task SubscribeNeverAnswered_ConnectionEndsAfterTheSubscribeTimeoutAndTheSessionDoesNotWaitForever()
    {
        await using var server = await TestVenueServer.StartAsync();
        server.Silent = true;
        await using var harness = new SessionHarness(server, SessionHarness.FastPolicy(maxAttempts: 2), subscribeTimeout: TimeSpan.FromMilliseconds(200));
        await harness.SubscribeAsync(BtcTrades);

        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var failed = harness.Session.State;
        Assert.Equal(SessionPhase.Failed, failed.Phase);
        Assert.Contains("subscribe: no acknowledgement and no data within 200 ms", failed.Error!.Message, StringComparison.Ordinal);
        Assert.StartsWith("testex (public): gave up after 2 reconnect attempts", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(3, harness.Session.Counters.SubscribeTimeouts);
        Assert.Equal(3, server.Connections);
    }

    [Theory]
    [InlineData(ConnectionKind.Public, "testex (public): ")]
    [InlineData(ConnectionKind.Private, "testex (account): ")]
    public async Task EveryStateLogLine_NamesItsConnection(ConnectionKind kind, string prefix)
    {
        using var logs = new Fluxum.Host.Tests.EndToEnd.CapturedLogs();
        await using var server = await TestVenueServer.StartAsync();
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol(SessionHarness.VenueName, server.Uri);
        var feed = hub.AddVenue(SessionHarness.VenueName, new BookManager(SessionHarness.VenueName, protocol.BookRules));
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, TimeProvider.System, NullLoggerFactory.Instance);
        await using (var session = new VenueSession(protocol, transport, feed, new SessionOptions { Kind = kind }, TimeProvider.System, new Logger<VenueSession>(new LoggerFactory([logs]))))
        {
            await session.SubscribeAsync([BtcTrades]);
            await session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        var lines = logs.Lines.Where(l => l.EventId is >= 1501 and < 1600).Select(l => l.Text).ToList();
        Assert.Contains(lines, l => l.StartsWith(prefix + "Disconnected -> Connecting", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.StartsWith(prefix, l, StringComparison.Ordinal));
        hub.Complete();
    }

    [Fact]
    public async Task SendFails_CountedAndTheConnectionIsReplaced()
    {
        var transport = new FailingSendTransport();
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol(SessionHarness.VenueName, new Uri("ws://127.0.0.1:1/"));
        var feed = hub.AddVenue(SessionHarness.VenueName, new BookManager(SessionHarness.VenueName, protocol.BookRules));
        await using var session = new VenueSession(protocol, transport, feed, new SessionOptions { ReconnectPolicy = SessionHarness.FastPolicy(maxAttempts: 1) }, TimeProvider.System, NullLogger<VenueSession>.Instance);
        await session.SubscribeAsync([BtcTrades]);

        await session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var failed = session.State;
        Assert.Equal(SessionPhase.Failed, failed.Phase);
        Assert.Contains("send failed: the socket refused the message", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, session.Counters.SendFailures);
        Assert.Equal(2, transport.Connections);
        hub.Complete();
    }

    [Fact]
    public async Task SubscribeAsync_UnknownSymbolOrChannel_ThrowsClearError()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);

        var symbol = await Assert.ThrowsAsync<ArgumentException>(() => harness.SubscribeAsync(new Subscription(MarketChannel.Trades, Fluxum.Sdk.Symbol.Parse("DOGE/USD"))));
        var channel = await Assert.ThrowsAsync<ArgumentException>(() => harness.SubscribeAsync(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), JsonTestProtocol.Btc)));

        Assert.Contains("unknown symbol DOGE/USD", symbol.Message, StringComparison.Ordinal);
        Assert.Contains("the ohlc channel is not offered on the public connection", channel.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Session.Subscriptions);
    }

    [Fact]
    public async Task SubscriptionRejectedByVenue_PublishesErrorAndKeepsStreaming()
    {
        await using var server = await TestVenueServer.StartAsync();
        server.RejectSymbol = "ETH/USD";
        await using var harness = new SessionHarness(server);
        var errors = harness.Hub.Events();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Trades, JsonTestProtocol.Eth), BtcTrades);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        var trades = harness.Hub.Trades();
        await server.BroadcastAsync(TestVenueServer.Trade(7));

        var error = (await Eventually.TakeAsync(errors.OfType<VenueError>(), 1))[0];
        var trade = (await Eventually.TakeAsync(trades, 1))[0];

        Assert.Equal("subscription_rejected", error.Code);
        Assert.Contains("testex refused subscribe trades ETH/USD: unknown pair", error.Message, StringComparison.Ordinal);
        Assert.Equal("7", trade.TradeId);
        Assert.Equal(1, harness.Session.Counters.RejectedSubscriptions);
        Assert.Equal(SessionState.Ready, harness.Session.State);
    }

    [Fact]
    public async Task SubscriptionRejectedWithoutASymbol_ReportNamesTheSubscribedSymbols()
    {
        await using var server = await TestVenueServer.StartAsync();
        server.RejectSymbol = "ETH/USD";
        server.RejectWithoutSymbol = true;
        await using var harness = new SessionHarness(server);
        var errors = harness.Hub.Events();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Trades, JsonTestProtocol.Eth));
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var error = (await Eventually.TakeAsync(errors.OfType<VenueError>(), 1))[0];

        Assert.Equal("subscription_rejected", error.Code);
        Assert.Contains("testex refused subscribe trades (ETH/USD: the venue named none of them): unknown pair", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Session.Counters.RejectedSubscriptions);
    }

    [Fact]
    public async Task DecodeThrows_FaultIsContainedCountedAndReported()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        var quality = harness.Hub.DataQuality();
        var trades = harness.Hub.Trades();
        await harness.SubscribeAsync(BtcTrades);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await server.BroadcastAsync("{\"type\":\"boom\"}");
        await server.BroadcastAsync("not json at all");
        await server.BroadcastAsync(TestVenueServer.Trade(3));

        var reports = await Eventually.TakeAsync(quality, 2);
        Assert.Equal("3", (await Eventually.TakeAsync(trades, 1))[0].TradeId);
        Assert.All(reports, r => Assert.Equal(DataQualityKind.MalformedFrame, r.Kind));
        Assert.Contains("threw InvalidOperationException", reports[0].Detail, StringComparison.Ordinal);
        Assert.Contains("not JSON", reports[1].Detail, StringComparison.Ordinal);
        Assert.Equal(1, harness.Feed.Counters.DecoderFaults);
        Assert.Equal(1, harness.Feed.Counters.MalformedFrames);
        Assert.Equal(SessionState.Ready, harness.Session.State);
    }

    [Fact]
    public async Task MaxConnectionLifetime_ClosesAndReconnectsAsAPlannedReconnect()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        harness.Protocol.MaxConnectionLifetime = TimeSpan.FromMilliseconds(300);
        await harness.SubscribeAsync(BtcTrades);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var reconnecting = await harness.States.WaitForAsync(SessionPhase.Reconnecting);

        Assert.Contains("planned reconnect", reconnecting.Reason, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => server.SubscribeCount("trades", "BTC/USD") == 2, "resubscribed after the planned reconnect");
    }

    [Fact]
    public async Task MaxMessagesPerSecond_MessagesBeyondTheLimitWaitForTheWindow()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        harness.Protocol.MaxMessagesPerSecond = 2;
        await harness.SubscribeAsync(
            new Subscription(MarketChannel.Trades, JsonTestProtocol.Btc, JsonTestProtocol.Eth),
            new Subscription(MarketChannel.Ticker, JsonTestProtocol.Btc, JsonTestProtocol.Eth),
            new Subscription(MarketChannel.Book(10), JsonTestProtocol.Btc));
        int Subscribes() => server.Received.Count(m => m.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Five subscribe messages at 2 a second: 2 at once, 2 after a second, the last after two.
        await Eventually.TrueAsync(() => Subscribes() >= 2, "the first two subscribes");
        var early = Subscribes();
        var elapsedEarly = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        await Eventually.TrueAsync(() => Subscribes() == 5, "all five subscribes");
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        Assert.True(early <= 2 || elapsedEarly >= TimeSpan.FromSeconds(1), $"{early} subscribes within {elapsedEarly.TotalMilliseconds:0} ms");
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(1900), $"five subscribes within {elapsed.TotalMilliseconds:0} ms at 2 a second");
        // The 3rd and the 5th must wait; the 4th too unless the 3rd's wait overshot the 2nd's second (timer slack).
        Assert.InRange(harness.Session.Counters.PacedSends, 2, 3);
        Assert.Equal(0, harness.Session.Counters.Reconnects);
    }

    [Fact]
    public async Task PingInterval_SendsProtocolPing()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server, ping: TimeSpan.FromMilliseconds(50));
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await Eventually.TrueAsync(() => server.Received.Count(m => m.Contains("\"op\":\"ping\"", StringComparison.Ordinal)) >= 2, "two pings");
    }

    [Fact]
    public async Task SubscribeAsync_WhileReady_SendsNowAndResendsAfterReconnect()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        var eth = harness.Hub.Trades(JsonTestProtocol.Eth);
        await harness.SubscribeAsync(BtcTrades);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await harness.SubscribeAsync(new Subscription(MarketChannel.Trades, JsonTestProtocol.Eth));
        await Eventually.TrueAsync(() => server.SubscribeCount("trades", "ETH/USD") == 1, "the ETH subscribe");
        await server.BroadcastAsync(TestVenueServer.Trade(1, "BTC/USD"));
        await server.BroadcastAsync(TestVenueServer.Trade(2, "ETH/USD"));

        Assert.Equal("2", (await Eventually.TakeAsync(eth, 1))[0].TradeId);
        await server.KillAsync();
        await harness.States.WaitForAsync(SessionPhase.Reconnecting);
        await Eventually.TrueAsync(() => server.SubscribeCount("trades", "ETH/USD") == 2 && server.SubscribeCount("trades", "BTC/USD") == 2, "both resubscribed");
        Assert.Equal(2, harness.Session.Subscriptions.Count);
    }

    [Fact]
    public async Task UnsubscribeAsync_Connected_SendsUnsubscribeAndForgets()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        await harness.SubscribeAsync(BtcTrades);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await harness.Session.UnsubscribeAsync([BtcTrades]);

        await Eventually.TrueAsync(() => server.Received.Any(m => m.Contains("\"op\":\"unsubscribe\"", StringComparison.Ordinal)), "an unsubscribe");
        Assert.Empty(harness.Session.Subscriptions);
    }

    [Fact]
    public async Task DisconnectAsync_ClosesSocketAndEndsDisconnected()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => server.OpenSockets == 1, "the socket open on the server");

        await harness.Session.DisconnectAsync();

        Assert.Equal(SessionState.Disconnected, harness.Session.State);
        await Eventually.TrueAsync(() => server.OpenSockets == 0, "the socket closed on the server");
    }

    /// <summary>Connections that open but whose every send fails, as a broken socket's would.</summary>
    private sealed class FailingSendTransport : IWebSocketTransport
    {
        private int _connections;

        public int Connections => Volatile.Read(ref _connections);

        public Task<IWebSocketConnection> ConnectAsync(WebSocketEndpoint endpoint, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _connections);
            return Task.FromResult<IWebSocketConnection>(new Connection());
        }

        private sealed class Connection : IWebSocketConnection
        {
            public bool IsOpen => true;

            public async IAsyncEnumerable<WebSocketFrame> ReceiveAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                yield break;
            }

            public Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default) =>
                Task.FromException(new System.Net.WebSockets.WebSocketException("the socket refused the message"));

            public Task CloseAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
