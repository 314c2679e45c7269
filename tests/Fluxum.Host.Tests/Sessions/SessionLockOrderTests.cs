using Fluxum.Host.Sessions;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Transport;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Sessions;

/// <summary>
/// A protocol that holds its lock while decoding into the session (Gemini's do) against a session that
/// holds its own lock while encoding: nothing the session does from inside Decode may wait for that lock.
/// The interleaving is forced, so each test fails every time the order is wrong.
/// </summary>
public sealed class SessionLockOrderTests
{
    private static readonly Subscription BtcTrades = new(MarketChannel.Trades, JsonTestProtocol.Btc);
    private static readonly Subscription EthTrades = new(MarketChannel.Trades, JsonTestProtocol.Eth);
    private static readonly Subscription BtcBook = new(MarketChannel.Book(10), JsonTestProtocol.Btc);

    [Fact]
    public async Task FirstFrameDecoded_WhileSubscribingOnAnotherThread_BecomesReadyWithoutDeadlock()
    {
        await using var server = await TestVenueServer.StartAsync();
        server.Silent = true;
        var protocol = new LockingTestProtocol(new JsonTestProtocol(SessionHarness.VenueName, server.Uri));
        await using var session = Session(protocol, out var feed);
        await using var states = new StateLog(session);
        await session.SubscribeAsync([BtcTrades]);
        var connecting = session.ConnectAsync();
        await states.WaitForAsync(SessionPhase.Subscribing);
        await Eventually.TrueAsync(() => server.SubscribeCount("trades", "BTC/USD") == 1, "the subscribe on the server");

        // The first frame makes the session Ready from inside Decode, while another thread subscribes.
        protocol.HoldNextDecode();
        await server.BroadcastAsync(TestVenueServer.Trade(1));
        await Task.Run(() => protocol.DecodeHolding.Wait(TimeSpan.FromSeconds(10)));
        await Task.Run(() => session.SubscribeAsync([EthTrades])).WaitAsync(TimeSpan.FromSeconds(10));
        await connecting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, protocol.LockTimeouts);
        Assert.Equal(SessionState.Ready, session.State);
        await Eventually.TrueAsync(() => server.SubscribeCount("trades", "ETH/USD") == 1, "the ETH subscribe sent");
        Assert.Equal(1, feed.Counters.Frames);
    }

    [Fact]
    public async Task ResyncRaisedInsideDecode_WhileSubscribingOnAnotherThread_SentWithoutDeadlock()
    {
        await using var server = await TestVenueServer.StartAsync();
        var protocol = new LockingTestProtocol(new JsonTestProtocol(SessionHarness.VenueName, server.Uri));
        await using var session = Session(protocol, out var feed);
        await session.SubscribeAsync([BtcBook]);
        await session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]"));
        await Eventually.TrueAsync(() => !feed.Books.IsStale(JsonTestProtocol.Btc), "the first snapshot");

        // A crossed update makes the book manager ask for a resync from inside Decode, while another thread subscribes.
        protocol.HoldNextDecode();
        await server.BroadcastAsync(TestVenueServer.Book(false, "[\"102\",\"1\"]", string.Empty));
        await Task.Run(() => protocol.DecodeHolding.Wait(TimeSpan.FromSeconds(10)));
        await Task.Run(() => session.SubscribeAsync([BtcTrades])).WaitAsync(TimeSpan.FromSeconds(10));

        await Eventually.TrueAsync(() => server.SubscribeCount("book", "BTC/USD") == 2, "the resync's resubscribe");
        Assert.Equal(0, protocol.LockTimeouts);
        Assert.Equal(1, session.Counters.ResyncsSent);
        await Eventually.TrueAsync(() => server.SubscribeCount("trades", "BTC/USD") == 1, "the trades subscribe sent");
    }

    private static VenueSession Session(LockingTestProtocol protocol, out Fluxum.Host.MarketData.VenueFeed feed)
    {
        var hub = new Fluxum.Host.MarketData.MarketDataHub(Fluxum.Host.MarketData.MarketDataHubOptions.Default, TimeProvider.System, NullLogger<Fluxum.Host.MarketData.MarketDataHub>.Instance);
        feed = hub.AddVenue(SessionHarness.VenueName, new Fluxum.Sdk.Books.BookManager(SessionHarness.VenueName, JsonTestProtocol.Rules));
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, TimeProvider.System, NullLoggerFactory.Instance);
        return new VenueSession(protocol, transport, feed, new SessionOptions { ReconnectPolicy = SessionHarness.FastPolicy() }, TimeProvider.System, NullLogger<VenueSession>.Instance);
    }
}
