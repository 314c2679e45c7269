using Fluxum.Plugins.Kraken.Simulator;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Tests.EndToEnd;

public sealed class BookEndToEndTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");

    [Fact]
    public async Task LiveBook_OverRealSockets_ChecksumPassesOnEveryUpdate()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = new SocketHarness(sim.PublicProtocol());
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc, Eth));

        await SocketHarness.WaitUntilAsync(() => harness.Books.Counters.Updates >= 100, "100 checked book updates");

        Assert.Empty(harness.Sink.Malformations);
        Assert.Equal(0L, harness.Books.Counters.ChecksumFailures);
        Assert.All(harness.Sink.BookResults, r => Assert.True(r.Result is BookFrameResult.Snapshot or BookFrameResult.Applied && r.Checksum is not null, r.ToString()));
        Assert.False(harness.Books.IsStale(Btc));
        Assert.False(harness.Books.IsStale(Eth));
        Assert.Equal(10, harness.Books.Snapshot(Btc)!.Bids.Count);
        Assert.Equal(2, harness.Sink.Of<SubscriptionAck>().Count(a => a.Success));
        var instruments = harness.Sink.Of<InstrumentInfo>();
        Assert.Equal(["BTC/EUR", "BTC/USD", "ETH/BTC", "ETH/USD", "SOL/USD", "XRP/USD"], instruments.Select(i => i.Symbol.ToString()).Order());
        Assert.Contains(instruments, i => i.Symbol == Btc && i.PricePrecision == 1 && i.SizePrecision == 8);
        Assert.Contains(instruments, i => i.Symbol == Eth && i.PricePrecision == 2 && i.SizePrecision == 8);
    }

    [Fact]
    public async Task Depth1000_OverRealSockets_ThousandLevelsASideChecksummedAndTruncated()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = new SocketHarness(sim.PublicProtocol());
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(1000), Btc));

        await SocketHarness.WaitUntilAsync(() => harness.Books.Counters.Updates >= 200, "200 checked book updates at depth 1000", seconds: 30);

        // The same frames applied without truncation held more than 1,000 levels on a side: levels were pushed
        // out of the subscribed view without a delete (the client's truncation dropped them), as Kraken does.
        await SocketHarness.WaitUntilAsync(() => harness.Sink.DeepestUntruncated(Btc) > 1000, "a level pushed out of the 1,000-level view", seconds: 30);

        Assert.Empty(harness.Sink.Malformations);
        Assert.Equal(0L, harness.Books.Counters.ChecksumFailures);
        Assert.All(harness.Sink.BookResults, r => Assert.True(r.Result is BookFrameResult.Snapshot or BookFrameResult.Applied && r.Checksum is not null, r.ToString()));
        Assert.False(harness.Books.IsStale(Btc));
        var book = harness.Books.Snapshot(Btc)!;
        Assert.Equal(1000, book.Bids.Count);
        Assert.Equal(1000, book.Asks.Count);

        // Frozen, the client's 1,000 levels a side are the market's best 1,000, level for level.
        Assert.True(sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.FromSeconds(30))));
        var market = (KrakenSimulator)sim.Simulator;
        await SocketHarness.WaitUntilAsync(
            () =>
            {
                var (bids, asks) = market.Book(Btc, 1000);
                var mine = harness.Books.Snapshot(Btc)!;
                return mine.Bids.SequenceEqual(bids) && mine.Asks.SequenceEqual(asks);
            },
            "the client's book equals the simulator's best 1,000 levels");
    }

    [Fact]
    public async Task CorruptChecksum_OneSymbol_DetectedResyncedOtherUntouched()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = new SocketHarness(sim.PublicProtocol());
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(25), Btc, Eth));
        await SocketHarness.WaitUntilAsync(() => !harness.Books.IsStale(Btc) && !harness.Books.IsStale(Eth), "both snapshots");

        Assert.True(sim.Simulator.Inject(SimulatorFault.CorruptChecksum(Btc)));

        await SocketHarness.WaitUntilAsync(() => harness.Sink.Of<DataQualityEvent>().Any(e => e.Kind == DataQualityKind.Resynced), "the BTC/USD resync");
        var quality = harness.Sink.Of<DataQualityEvent>();
        Assert.Contains(quality, e => e.Kind == DataQualityKind.ChecksumMismatch && e.Symbol == Btc);
        Assert.Contains(quality, e => e.Kind == DataQualityKind.Resynced && e.Symbol == Btc);
        Assert.DoesNotContain(quality, e => e.Symbol == Eth);
        Assert.Equal(1L, harness.Books.Counters.ChecksumFailures);
        var before = harness.Books.Counters.Updates;
        await SocketHarness.WaitUntilAsync(() => harness.Books.Counters.Updates >= before + 20, "updates after the resync");
        Assert.False(harness.Books.IsStale(Btc));
        Assert.False(harness.Books.IsStale(Eth));
        Assert.Equal(1L, harness.Books.Counters.ChecksumFailures);
    }

    [Fact]
    public async Task DropConnections_ReconnectByHand_BookRebuilds()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.PublicProtocol();
        var books = new BookManager("kraken", protocol.VenueBookRules());
        await using (var first = new SocketHarness(protocol, books))
        {
            await first.ConnectAsync();
            await first.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
            await SocketHarness.WaitUntilAsync(() => books.Counters.Snapshots == 1 && !books.IsStale(Btc), "first snapshot");

            sim.Simulator.Inject(SimulatorFault.DropConnections());
            await first.Closed.WaitAsync(TimeSpan.FromSeconds(10));
            books.MarkAllStale("connection lost");
            Assert.True(books.IsStale(Btc));
        }

        await using var second = new SocketHarness(protocol, books);
        await second.ConnectAsync();
        await second.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
        await SocketHarness.WaitUntilAsync(() => books.Counters.Snapshots == 2 && !books.IsStale(Btc), "snapshot after reconnect");
        var updates = books.Counters.Updates;
        await SocketHarness.WaitUntilAsync(() => books.Counters.Updates >= updates + 10, "updates after reconnect");
        Assert.Equal(0L, books.Counters.ChecksumFailures);
    }

    [Fact]
    public async Task Subscribe_UnknownSymbolAndBadDepth_ErrorAcksNotExceptions()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = new SocketHarness(sim.PublicProtocol());
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Ticker, Symbol.Parse("XXX/USD"), Btc));

        await SocketHarness.WaitUntilAsync(() => harness.Sink.Of<SubscriptionAck>().Length == 2, "two acks");
        var acks = harness.Sink.Of<SubscriptionAck>();
        var failed = Assert.Single(acks, a => !a.Success);
        Assert.Equal(Symbol.Parse("XXX/USD"), failed.Symbol);
        Assert.Equal(MarketChannel.Ticker, failed.Channel);
        Assert.Contains("Currency pair not supported", failed.Error, StringComparison.Ordinal);
        Assert.Contains(harness.Sink.Of<VenueError>(), e => e.Message.Contains("XXX/USD", StringComparison.Ordinal));
        await SocketHarness.WaitUntilAsync(() => harness.Sink.Of<Ticker>().Any(t => t.Symbol == Btc), "a BTC/USD ticker");
        Assert.StartsWith("book depth 20 is not offered", sim.PublicProtocol().CheckSubscription(new Subscription(MarketChannel.Book(20), Btc)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedFrame_Injected_ReportedAndBooksStayGood()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = new SocketHarness(sim.PublicProtocol());
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
        await SocketHarness.WaitUntilAsync(() => !harness.Books.IsStale(Btc), "snapshot");

        sim.Simulator.Inject(SimulatorFault.MalformedFrame());

        await SocketHarness.WaitUntilAsync(() => harness.Sink.Malformations.Length == 1, "the malformed frame reported");
        var updates = harness.Books.Counters.Updates;
        await SocketHarness.WaitUntilAsync(() => harness.Books.Counters.Updates > updates + 5, "updates after it");
        Assert.False(harness.Books.IsStale(Btc));
        Assert.Equal(0L, harness.Books.Counters.ChecksumFailures);
    }

    [Fact]
    public async Task Stall_Injected_NothingArrivesThenTrafficResumes()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var simulator = (KrakenSimulator)sim.Simulator;
        await using var harness = new SocketHarness(sim.PublicProtocol());
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
        await SocketHarness.WaitUntilAsync(() => !harness.Books.IsStale(Btc), "snapshot");

        // A long stall, ended by the test: the silence is measured only once the client holds the frozen
        // market (every frame sent before the stall has arrived), however slowly the machine runs.
        Assert.True(sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.FromMinutes(1))));
        await SocketHarness.WaitUntilAsync(() => SameAsMarket(simulator, harness.Books), "the client book equal to the frozen market");
        var atStall = harness.Books.Counters.Updates;
        await Task.Delay(500);
        var during = harness.Books.Counters.Updates;

        Assert.Equal(atStall, during);
        Assert.True(SameAsMarket(simulator, harness.Books));
        Assert.True(sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.Zero)));
        await SocketHarness.WaitUntilAsync(() => harness.Books.Counters.Updates > during + 5, "traffic after the stall");
    }

    [Fact]
    public async Task TradesAndCandles_FromSimulator_DecodeConsistently()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = new SocketHarness(sim.PublicProtocol());
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Trades, Btc));
        await harness.SubscribeAsync(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), Btc));

        await SocketHarness.WaitUntilAsync(() => harness.Sink.Of<Trade>().Length >= 3 && harness.Sink.Of<Ohlc>().Length >= 3, "trades and candles");
        Assert.Empty(harness.Sink.Malformations);
        var candle = harness.Sink.Of<Ohlc>()[^1];
        Assert.Equal(TimeSpan.FromMinutes(1), candle.Interval);
        Assert.True(candle.Low <= candle.Close && candle.Close <= candle.High);
    }

    private static bool SameAsMarket(KrakenSimulator simulator, BookManager books)
    {
        var (bids, asks) = simulator.Book(Btc, 10);
        var mine = books.Snapshot(Btc);
        return mine is not null && !books.IsStale(Btc) && mine.Bids.SequenceEqual(bids) && mine.Asks.SequenceEqual(asks);
    }
}
