using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

using static Fluxum.Plugins.Gemini.Tests.EndToEnd.SimulatorFixture;

namespace Fluxum.Plugins.Gemini.Tests.EndToEnd;

public sealed class MarketDataEndToEndTests
{
    [Theory]
    [InlineData("v2")]
    [InlineData("ws")]
    public async Task Stream_BookForSeconds_GoodNeverCrossedAndEqualToVenue(string api)
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context(api), ConnectionKind.Public);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Book(null), BtcUsd, EthUsd), new Subscription(MarketChannel.Trades, BtcUsd), new Subscription(MarketChannel.Ticker, BtcUsd));
        driver.Start();

        await Eventually.True(() => driver.Sink.Frames.Count(f => f.Result == BookFrameResult.Applied) > 150, "150 applied book updates");

        Assert.Empty(driver.Sink.Of<DataQualityEvent>());
        Assert.Empty(driver.Sink.Malformations);
        Assert.Equal(2, driver.Sink.Frames.Count(f => f.Snapshot));
        Assert.NotEmpty(driver.Sink.Of<Trade>());
        Assert.All(driver.Sink.Of<Ticker>(), t => Assert.True(t.Bid < t.Ask));
        Assert.NotEmpty(driver.Sink.Of<Ticker>());

        // The 24-hour statistics come from the simulator's REST (/v2/ticker and /v1/pubticker) after the first tickers.
        await Eventually.True(() => driver.Sink.Of<Ticker>().Any(t => t.Extras.Volume24h is not null), "a ticker with REST statistics");
        var day = driver.Sink.Of<Ticker>().Last(t => t.Extras.Volume24h is not null).Extras;
        Assert.True(day.Low24h <= day.High24h && day.Open24h is > 0m && day.Volume24h >= 0m, $"plausible statistics: {day}");
        Assert.NotNull(day.Change24h);
        await sim.AssertBookMatchesAsync(driver.Books, BtcUsd);
        await sim.AssertBookMatchesAsync(driver.Books, EthUsd);
        Assert.Equal(0, driver.Books.Counters.Crossed);
    }

    [Fact]
    public async Task V2_ReconnectAfterLevelVanished_NoGhostLevel()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("v2"), ConnectionKind.Public);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Book(null), BtcUsd));
        driver.Start();
        await Eventually.True(() => driver.Sink.Frames.Count > 20, "v2 book live");
        await sim.AssertBookMatchesAsync(driver.Books, BtcUsd);

        // While the market is frozen: a level the client holds disappears without v2 ever announcing it.
        var ghost = driver.Books.Snapshot(BtcUsd)!.Bids[5];
        Assert.True(sim.Simulator.RemoveLevelUnannounced(BtcUsd, Fluxum.Sdk.BookSide.Bid, ghost.Price));
        Assert.Contains(driver.Books.Snapshot(BtcUsd)!.Bids, l => l.Price == ghost.Price);
        sim.Simulator.Inject(SimulatorFault.DropConnections());

        await Eventually.True(() => driver.Connections >= 2 && driver.Sink.Frames.Count(f => f.Snapshot) >= 2 && !driver.Books.IsStale(BtcUsd), $"reconnected and resnapshotted ({driver.Connections} connections, {driver.Sink.Frames.Count(f => f.Snapshot)} snapshots, stale {driver.Books.IsStale(BtcUsd)}, open {sim.Simulator.OpenSockets})");

        Assert.DoesNotContain(driver.Books.Snapshot(BtcUsd)!.Bids, l => l.Price == ghost.Price);
        Assert.True(sim.Same(driver.Books, BtcUsd));
    }

    [Fact]
    public async Task Ws_SkippedUpdateId_GapDetectedAndOnlyThatSymbolResyncs()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("ws"), ConnectionKind.Public);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Book(null), BtcUsd, EthUsd));
        driver.Start();
        await Eventually.True(() => driver.Sink.Frames.Count(f => f.Result == BookFrameResult.Applied) > 20, "new-API books live");

        Assert.True(sim.Simulator.Inject(SimulatorFault.SkipSequence(BtcUsd)));

        await Eventually.True(() => driver.Sink.Of<DataQualityEvent>().Any(e => e.Kind == DataQualityKind.Resynced), "BTC/USD resynced");
        var quality = driver.Sink.Of<DataQualityEvent>().ToArray();
        Assert.Contains(quality, e => e.Kind == DataQualityKind.Gap && e.Symbol == BtcUsd);
        Assert.All(quality, e => Assert.Equal(BtcUsd, e.Symbol));
        Assert.Equal(2, sim.Simulator.Markets.SubscribeCount("btcusd@depth@100ms"));
        Assert.Equal(1, sim.Simulator.Markets.SubscribeCount("ethusd@depth@100ms"));
        Assert.Equal(1, driver.Connections);
        await sim.AssertBookMatchesAsync(driver.Books, BtcUsd);
        await sim.AssertBookMatchesAsync(driver.Books, EthUsd);
    }

    [Fact]
    public async Task V2_MalformedFrame_ReportedAndBookStaysGood()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("v2"), ConnectionKind.Public);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Book(null), BtcUsd));
        driver.Start();
        await Eventually.True(() => driver.Sink.Frames.Count > 10, "v2 book live");

        sim.Simulator.Inject(SimulatorFault.MalformedFrame());

        await Eventually.True(() => !driver.Sink.Malformations.IsEmpty, "malformed frame reported");
        await sim.AssertBookMatchesAsync(driver.Books, BtcUsd);
    }

    [Fact]
    public async Task Ws_PrivateSignedHandshake_BalanceUpdatesBecomeLedgerEntries()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("ws", Credentials), ConnectionKind.Private);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Ledger));
        driver.Start();

        await Eventually.True(() => driver.Sink.Of<Fluxum.Sdk.Ledger.LedgerEntry>().Count(e => e.Asset == "USD") >= 3, "three USD balance entries");

        var usd = driver.Sink.Of<Fluxum.Sdk.Ledger.LedgerEntry>().Where(e => e.Asset == "USD").ToArray();
        Assert.Equal("snapshot", usd[0].SubType);
        Assert.Equal(usd[2].Balance - usd[1].Balance, usd[2].Amount);
        Assert.True(Assert.Single(driver.Sink.Of<SubscriptionAck>()).Success);
    }

    [Fact]
    public async Task Ws_PrivateStreamWithoutCredentials_AuthenticationErrorAck()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("ws", Credentials), ConnectionKind.Public);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Book(null), BtcUsd));
        driver.Start();
        await Eventually.True(() => driver.Sink.Frames.Count > 3, "book live");

        var endpoint = await protocol.ResolveEndpointAsync();

        Assert.Empty(endpoint.Headers);
        Assert.NotNull(protocol.CheckSubscription(new Subscription(MarketChannel.Ledger)));
    }
}
