using Fluxum.Plugins.Kraken.Simulator;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Conformance;

namespace Fluxum.Plugins.Kraken.Tests.EndToEnd;

public sealed class BookEndToEndTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongPatience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task LiveBook_OverRealSockets_ChecksumPassesOnEveryUpdate()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc, Eth));

        await VenueHarness.WaitUntilAsync(() => harness.Books.Counters.Updates >= 100, "100 checked book updates", Patience);

        Assert.Empty(harness.Sink.MalformedFrames);
        Assert.Equal(0L, harness.Books.Counters.ChecksumFailures);
        Assert.All(harness.Sink.BookResults, r => Assert.True(r is BookFrameResult.Snapshot or BookFrameResult.Applied, r.ToString()));
        Assert.All(harness.Sink.BookFrames, f => Assert.NotNull(f.Checksum));
        Assert.False(harness.Books.IsStale(Btc));
        Assert.False(harness.Books.IsStale(Eth));
        Assert.Equal(10, harness.Books.Snapshot(Btc)!.Bids.Count);
        Assert.Equal(2, harness.Sink.OfType<SubscriptionAck>().Count(a => a.Success));
        var instruments = harness.Sink.OfType<InstrumentInfo>();
        Assert.Equal(["BTC/EUR", "BTC/USD", "ETH/BTC", "ETH/USD", "SOL/USD", "XRP/USD"], instruments.Select(i => i.Symbol.ToString()).Order());
        Assert.Contains(instruments, i => i.Symbol == Btc && i.PricePrecision == 1 && i.SizePrecision == 8);
        Assert.Contains(instruments, i => i.Symbol == Eth && i.PricePrecision == 2 && i.SizePrecision == 8);
    }

    [Fact]
    public async Task Depth1000_OverRealSockets_ThousandLevelsASideChecksummedAndTruncated()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(1000), Btc));

        await VenueHarness.WaitUntilAsync(() => harness.Books.Counters.Updates >= 200, "200 checked book updates at depth 1000", LongPatience);

        // The same frames applied without truncation held more than 1,000 levels on a side: levels were pushed
        // out of the subscribed view without a delete (the client's truncation dropped them), as Kraken does.
        await VenueHarness.WaitUntilAsync(() => DeepestUntruncated(harness.Sink.BookFrames, Btc) > 1000, "a level pushed out of the 1,000-level view", LongPatience);

        Assert.Empty(harness.Sink.MalformedFrames);
        Assert.Equal(0L, harness.Books.Counters.ChecksumFailures);
        Assert.All(harness.Sink.BookResults, r => Assert.True(r is BookFrameResult.Snapshot or BookFrameResult.Applied, r.ToString()));
        Assert.All(harness.Sink.BookFrames, f => Assert.NotNull(f.Checksum));
        Assert.False(harness.Books.IsStale(Btc));
        var book = harness.Books.Snapshot(Btc)!;
        Assert.Equal(1000, book.Bids.Count);
        Assert.Equal(1000, book.Asks.Count);

        // Frozen, the client's 1,000 levels a side are the market's best 1,000, level for level.
        Assert.True(sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.FromSeconds(30))));
        var market = (KrakenSimulator)sim.Simulator;
        await VenueHarness.WaitUntilAsync(
            () =>
            {
                var (bids, asks) = market.Book(Btc, 1000);
                var mine = harness.Books.Snapshot(Btc)!;
                return mine.Bids.SequenceEqual(bids) && mine.Asks.SequenceEqual(asks);
            },
            "the client's book equals the simulator's best 1,000 levels",
            Patience);
    }

    [Fact]
    public async Task CorruptChecksum_OneSymbol_DetectedResyncedOtherUntouched()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(25), Btc, Eth));
        await VenueHarness.WaitUntilAsync(() => !harness.Books.IsStale(Btc) && !harness.Books.IsStale(Eth), "both snapshots", Patience);

        Assert.True(sim.Simulator.Inject(SimulatorFault.CorruptChecksum(Btc)));

        await VenueHarness.WaitUntilAsync(() => harness.Sink.OfType<DataQualityEvent>().Any(e => e.Kind == DataQualityKind.Resynced), "the BTC/USD resync", Patience);
        var quality = harness.Sink.OfType<DataQualityEvent>();
        Assert.Contains(quality, e => e.Kind == DataQualityKind.ChecksumMismatch && e.Symbol == Btc);
        Assert.Contains(quality, e => e.Kind == DataQualityKind.Resynced && e.Symbol == Btc);
        Assert.DoesNotContain(quality, e => e.Symbol == Eth);
        Assert.Equal(1L, harness.Books.Counters.ChecksumFailures);
        var before = harness.Books.Counters.Updates;
        await VenueHarness.WaitUntilAsync(() => harness.Books.Counters.Updates >= before + 20, "updates after the resync", Patience);
        Assert.False(harness.Books.IsStale(Btc));
        Assert.False(harness.Books.IsStale(Eth));
        Assert.Equal(1L, harness.Books.Counters.ChecksumFailures);
    }

    [Fact]
    public async Task DropConnections_ReconnectByHand_BookRebuilds()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness();
        var books = harness.Books;
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
        await VenueHarness.WaitUntilAsync(() => books.Counters.Snapshots == 1 && !books.IsStale(Btc), "first snapshot", Patience);

        sim.Simulator.Inject(SimulatorFault.DropConnections());
        await harness.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        books.MarkAllStale("connection lost");
        Assert.True(books.IsStale(Btc));

        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
        Assert.Equal(2, harness.Connections);
        await VenueHarness.WaitUntilAsync(() => books.Counters.Snapshots == 2 && !books.IsStale(Btc), "snapshot after reconnect", Patience);
        var updates = books.Counters.Updates;
        await VenueHarness.WaitUntilAsync(() => books.Counters.Updates >= updates + 10, "updates after reconnect", Patience);
        Assert.Equal(0L, books.Counters.ChecksumFailures);
    }

    [Fact]
    public async Task Subscribe_UnknownSymbolAndBadDepth_ErrorAcksNotExceptions()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Ticker, Symbol.Parse("XXX/USD"), Btc));

        await VenueHarness.WaitUntilAsync(() => harness.Sink.OfType<SubscriptionAck>().Count == 2, "two acks", Patience);
        var acks = harness.Sink.OfType<SubscriptionAck>();
        var failed = Assert.Single(acks, a => !a.Success);
        Assert.Equal(Symbol.Parse("XXX/USD"), failed.Symbol);
        Assert.Equal(MarketChannel.Ticker, failed.Channel);
        Assert.Contains("Currency pair not supported", failed.Error, StringComparison.Ordinal);
        Assert.Contains(harness.Sink.OfType<VenueError>(), e => e.Message.Contains("XXX/USD", StringComparison.Ordinal));
        await VenueHarness.WaitUntilAsync(() => harness.Sink.OfType<Ticker>().Any(t => t.Symbol == Btc), "a BTC/USD ticker", Patience);
        Assert.StartsWith("book depth 20 is not offered", sim.PublicProtocol().CheckSubscription(new Subscription(MarketChannel.Book(20), Btc)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedFrame_Injected_ReportedAndBooksStayGood()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
        await VenueHarness.WaitUntilAsync(() => !harness.Books.IsStale(Btc), "snapshot", Patience);

        sim.Simulator.Inject(SimulatorFault.MalformedFrame());

        await VenueHarness.WaitUntilAsync(() => harness.Sink.MalformedFrames.Count == 1, "the malformed frame reported", Patience);
        var updates = harness.Books.Counters.Updates;
        await VenueHarness.WaitUntilAsync(() => harness.Books.Counters.Updates > updates + 5, "updates after it", Patience);
        Assert.False(harness.Books.IsStale(Btc));
        Assert.Equal(0L, harness.Books.Counters.ChecksumFailures);
    }

    [Fact]
    public async Task Stall_Injected_NothingArrivesThenTrafficResumes()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var simulator = (KrakenSimulator)sim.Simulator;
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), Btc));
        await VenueHarness.WaitUntilAsync(() => !harness.Books.IsStale(Btc), "snapshot", Patience);

        // A long stall, ended by the test: the silence is measured only once the client holds the frozen
        // market (every frame sent before the stall has arrived), however slowly the machine runs.
        Assert.True(sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.FromMinutes(1))));
        await VenueHarness.WaitUntilAsync(() => SameAsMarket(simulator, harness.Books), "the client book equal to the frozen market", Patience);
        var atStall = harness.Books.Counters.Updates;
        await Task.Delay(500);
        var during = harness.Books.Counters.Updates;

        Assert.Equal(atStall, during);
        Assert.True(SameAsMarket(simulator, harness.Books));
        Assert.True(sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.Zero)));
        await VenueHarness.WaitUntilAsync(() => harness.Books.Counters.Updates > during + 5, "traffic after the stall", Patience);
    }

    [Fact]
    public async Task TradesAndCandles_FromSimulator_DecodeConsistently()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Trades, Btc));
        await harness.SubscribeAsync(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), Btc));

        await VenueHarness.WaitUntilAsync(() => harness.Sink.OfType<Trade>().Count >= 3 && harness.Sink.OfType<Ohlc>().Count >= 3, "trades and candles", Patience);
        Assert.Empty(harness.Sink.MalformedFrames);
        var candle = harness.Sink.OfType<Ohlc>()[^1];
        Assert.Equal(TimeSpan.FromMinutes(1), candle.Interval);
        Assert.True(candle.Low <= candle.Close && candle.Close <= candle.High);
    }

    private static bool SameAsMarket(KrakenSimulator simulator, BookManager books)
    {
        var (bids, asks) = simulator.Book(Btc, 10);
        var mine = books.Snapshot(Btc);
        return mine is not null && !books.IsStale(Btc) && mine.Bids.SequenceEqual(bids) && mine.Asks.SequenceEqual(asks);
    }

    /// <summary>
    /// The most levels a side of <paramref name="symbol"/>'s book ever held as the received frames build it with no
    /// truncation (every frame applied in full, never cut to a depth). Above the subscribed depth means the venue pushed
    /// levels out of the view without deleting them, and the client's truncation dropped them.
    /// </summary>
    private static int DeepestUntruncated(IReadOnlyList<RecordedBookFrame> frames, Symbol symbol)
    {
        var book = new OrderBook(symbol);
        var deepest = 0;
        foreach (var frame in frames)
        {
            if (frame.Symbol != symbol)
            {
                continue;
            }

            if (frame.IsSnapshot)
            {
                book.ApplySnapshot([.. frame.Changes]);
            }
            else
            {
                foreach (var change in frame.Changes)
                {
                    book.Apply(change);
                }
            }

            deepest = Math.Max(deepest, Math.Max(book.Bids.Count, book.Asks.Count));
        }

        return deepest;
    }
}
