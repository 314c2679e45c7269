using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Tests.V2;

/// <summary>An l2_updates that cannot be applied in full is reported for its symbol, and its book resyncs.</summary>
public sealed class GeminiV2MalformedBookTests
{
    private static readonly Symbol BtcUsd = new("BTC", "USD");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Decode_SecondChangeWithSideAsk_NothingAppliedBookStaleAndResynced()
    {
        // Issue #10.5: the frame was rejected whole without a symbol, its valid first change lost, the book served as good.
        var (protocol, sink, resyncs) = await LiveBookAsync();

        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","9122.04","5"],["ask","9200.00","1"]]}"""u8, Now, sink);

        Assert.Equal([BtcUsd], sink.BookMalformedSymbols);
        Assert.Contains(sink.Malformations, m => m.Contains("BTC/USD", StringComparison.Ordinal) && m.Contains("unknown side 'ask'", StringComparison.Ordinal));
        Assert.Single(sink.Frames); // only the initial book reached the manager
        Assert.True(sink.Books.IsStale(BtcUsd));
        Assert.Equal(0.00121425m, sink.Books.Snapshot(BtcUsd)!.BestBid!.Value.Size);
        Assert.Equal([BtcUsd], resyncs);
        Assert.Contains(sink.Of<DataQualityEvent>(), e => e.Kind == DataQualityKind.Stale && e.Symbol == BtcUsd);

        // The host's resync: unsubscribe + subscribe; a late change is not a book, the new initial (with trades) is.
        Assert.Equal(2, protocol.EncodeResync(BtcUsd, MarketChannel.Book(null)).Count);
        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_update.json"), Now, sink);
        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_initial.json"), Now, sink);

        Assert.Equal([BookFrameResult.Snapshot, BookFrameResult.Discarded, BookFrameResult.Snapshot], sink.Frames.Select(f => f.Result));
        Assert.False(sink.Books.IsStale(BtcUsd));
        Assert.Contains(sink.Of<DataQualityEvent>(), e => e.Kind == DataQualityKind.Resynced && e.Symbol == BtcUsd);
    }

    [Theory]
    [InlineData("""{"type":"l2_updates","changes":[["buy","not-a-price","1"]],"symbol":"BTCUSD"}""", "not a decimal")]
    [InlineData("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","9122.04","1","extra"]]}""", "more fields")]
    [InlineData("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","9122.04","1"],"sell"]}""", "not an array")]
    [InlineData("""{"type":"l2_updates","symbol":"BTCUSD","changes":[[1560976400000,"1","2","0.5","1.5","3"]]}""", "does not start with a side")]
    [InlineData("""{"type":"l2_updates","symbol":"BTCUSD","changes":"none"}""", "'changes' is not an array")]
    [InlineData("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy",""", "Expected")]
    public async Task Decode_BrokenChanges_ReportedForTheSymbolAndBookStale(string frame, string reason)
    {
        var (protocol, sink, resyncs) = await LiveBookAsync();

        protocol.Decode(System.Text.Encoding.UTF8.GetBytes(frame), Now, sink);

        Assert.Equal([BtcUsd], sink.BookMalformedSymbols);
        Assert.Contains(reason, Assert.Single(sink.Malformations), StringComparison.Ordinal);
        Assert.True(sink.Books.IsStale(BtcUsd));
        Assert.Equal([BtcUsd], resyncs);
    }

    [Fact]
    public async Task Decode_BrokenInitialMessage_LaterChangesAreNotTakenForTheBook()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","9122.04","1"],["bid","9100","1"]],"trades":[]}"""u8, Now, sink);
        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_update.json"), Now, sink);

        Assert.Equal([BtcUsd], sink.BookMalformedSymbols);
        Assert.Equal([false], sink.Frames.Select(f => f.Snapshot));
        Assert.Null(sink.Books.Top(BtcUsd));
    }

    [Theory]
    [InlineData("""{"type":"l2_updates","changes":[["buy",""")]
    [InlineData("""{"type":"l2_updates","changes":[["buy","9122.04","1"]]}""")]
    [InlineData("""{"type":"l2_updätes","symbol":"BTCUSD","changes":[["buy","9122.04","1"]]}""")]
    [InlineData("""{"type":"l2_updates","symbol":"BTCUSX","changes":[["buy","9122.04","1"]]}""")]
    [InlineData("")]
    [InlineData("[]")]
    public async Task Decode_BookFrameThatCannotBeAttributed_EveryBookStaleAndResyncedWithOneReport(string frame)
    {
        // Issue #10 (fuzz): such a frame used to be a plain malformed frame, its book left good and short of an update.
        var (protocol, sink, resyncs) = await LiveBookAsync();

        protocol.Decode(System.Text.Encoding.UTF8.GetBytes(frame), Now, sink);

        Assert.Empty(sink.BookMalformedSymbols);
        Assert.Single(sink.Unattributed);
        Assert.Single(sink.Malformations);
        Assert.True(sink.Books.IsStale(BtcUsd));
        Assert.Null(sink.Books.Top(BtcUsd));
        Assert.Equal([BtcUsd], resyncs);
    }

    [Fact]
    public async Task Decode_BrokenTradeFrame_IsAPlainMalformedFrameAndBooksStayGood()
    {
        var (protocol, sink, resyncs) = await LiveBookAsync();

        protocol.Decode("""{"type":"trade","symbol":"BTCUSD","price":"x"""u8, Now, sink);

        Assert.Empty(sink.Unattributed);
        Assert.Single(sink.Malformations);
        Assert.False(sink.Books.IsStale(BtcUsd));
        Assert.Empty(resyncs);
    }

    [Fact]
    public async Task Decode_ChangesBeforeTheInitialMessage_InitialWasLostBookHasNoTopAndIsResynced()
    {
        // Issue #10 (fuzz): after a lost initial message the next change was taken for the whole book, and a book
        // that never had a snapshot was never asked for again.
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        var resyncs = new List<Symbol>();
        sink.Books.Track(BtcUsd, null); // as the host does for a subscribed book
        sink.Books.ResyncRequested += (symbol, _) => resyncs.Add(symbol);

        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_update.json"), Now, sink);

        Assert.Equal([BtcUsd], sink.BookMalformedSymbols);
        Assert.Contains("initial", Assert.Single(sink.Malformations), StringComparison.Ordinal);
        Assert.Empty(sink.Frames);
        Assert.Null(sink.Books.Top(BtcUsd));
        Assert.Equal([BtcUsd], resyncs);

        Assert.Equal(2, protocol.EncodeResync(BtcUsd, MarketChannel.Book(null)).Count);
        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_initial.json"), Now, sink);
        Assert.False(sink.Books.IsStale(BtcUsd));
    }

    [Fact]
    public async Task Decode_BrokenCandleRow_IsMalformedAndPublishesNoCandle()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(15)), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode("""{"type":"candles_15m_updates","symbol":"BTCUSD","changes":[[1560976400000,"x","2","0.5","1.5","3"]]}"""u8, Now, sink);

        Assert.Contains("not a decimal", Assert.Single(sink.Malformations), StringComparison.Ordinal);
        Assert.Empty(sink.Of<Ohlc>());
        Assert.Empty(sink.BookMalformedSymbols);
    }

    private static async Task<(IMarketDataProtocol Protocol, CollectingSink Sink, List<Symbol> Resyncs)> LiveBookAsync()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        var resyncs = new List<Symbol>();
        sink.Books.ResyncRequested += (symbol, _) => resyncs.Add(symbol);
        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_initial.json"), Now, sink);
        Assert.False(sink.Books.IsStale(BtcUsd));
        return (protocol, sink, resyncs);
    }
}
