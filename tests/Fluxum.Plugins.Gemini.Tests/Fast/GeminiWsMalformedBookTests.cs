using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Tests.Fast;

/// <summary>A depthUpdate that cannot be applied in full is reported for its symbol, and its book resyncs.</summary>
public sealed class GeminiWsMalformedBookTests
{
    private static readonly Symbol BtcUsd = new("BTC", "USD");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":11,"b":[["100","2"],["x","1"]],"a":[]}""", "not a decimal")]
    [InlineData("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":11,"b":[["100","2"]],"a":[["101","1","0"]]}""", "more than [price, quantity]")]
    [InlineData("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":11,"b":[["100","2"],"99"],"a":[]}""", "not an array")]
    [InlineData("""{"e":"depthUpdate","E":2,"s":"btcusd","b":[["100","2"]],"a":[]}""", "without U/u")]
    [InlineData("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":11,"b":[["100",""", "Expected")]
    public async Task Decode_BrokenDepthUpdate_NothingAppliedReportedForTheSymbolAndBookStale(string frame, string reason)
    {
        var (protocol, sink, resyncs) = await LiveBookAsync();

        protocol.Decode(System.Text.Encoding.UTF8.GetBytes(frame), Now, sink);

        Assert.Equal([BtcUsd], sink.BookMalformedSymbols);
        Assert.Contains(reason, Assert.Single(sink.Malformations), StringComparison.Ordinal);
        Assert.Single(sink.Frames); // only the snapshot reached the manager
        Assert.True(sink.Books.IsStale(BtcUsd));
        Assert.Equal(1m, sink.Books.Snapshot(BtcUsd)!.BestBid!.Value.Size);
        Assert.Equal([BtcUsd], resyncs);
    }

    [Fact]
    public async Task Decode_BrokenDepthUpdateThenResync_BookGoodAgain()
    {
        var (protocol, sink, _) = await LiveBookAsync();
        protocol.Decode("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":11,"b":[["100","2"],["100","-"]],"a":[]}"""u8, Now, sink);

        Assert.Equal(2, protocol.EncodeResync(BtcUsd, MarketChannel.Book(null)).Count);
        protocol.Decode("""{"e":"depthUpdate","E":3,"s":"btcusd","U":11,"u":12,"b":[["100","3"]],"a":[]}"""u8, Now, sink);
        protocol.Decode("""{"id":2,"status":200}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":4,"s":"btcusd","U":20,"u":20,"b":[["100","4"]],"a":[["101","1"]]}"""u8, Now, sink);

        Assert.Equal([BookFrameResult.Snapshot, BookFrameResult.Discarded, BookFrameResult.Snapshot], sink.Frames.Select(f => f.Result));
        Assert.False(sink.Books.IsStale(BtcUsd));
        Assert.Equal(4m, sink.Books.Top(BtcUsd)!.Value.Bid.Size);
        Assert.Contains(sink.Of<DataQualityEvent>(), e => e.Kind == DataQualityKind.Resynced && e.Symbol == BtcUsd);
    }

    [Fact]
    public async Task Decode_BrokenSnapshot_NextDeltaIsNotTakenForTheBook()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":10,"u":10,"b":[["100","1"],["99"]],"a":[["101","1"]]}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":11,"b":[["100","2"]],"a":[]}"""u8, Now, sink);

        Assert.Equal([BtcUsd], sink.BookMalformedSymbols);
        Assert.Equal([false], sink.Frames.Select(f => f.Snapshot));
        Assert.Null(sink.Books.Top(BtcUsd));
    }

    [Fact]
    public async Task Decode_FirstDepthUpdateIsNotASnapshot_SnapshotWasLostBookHasNoTopAndIsResynced()
    {
        // Issue #10 (fuzz): after a lost snapshot the next delta was taken for the whole book.
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        var resyncs = new List<Symbol>();
        sink.Books.Track(BtcUsd, null); // as the host does for a subscribed book
        sink.Books.ResyncRequested += (symbol, _) => resyncs.Add(symbol);

        protocol.Decode("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":11,"b":[["100","2"]],"a":[["101","1"]]}"""u8, Now, sink);

        Assert.Equal([BtcUsd], sink.BookMalformedSymbols);
        Assert.Contains("not a snapshot", Assert.Single(sink.Malformations), StringComparison.Ordinal);
        Assert.Empty(sink.Frames);
        Assert.Null(sink.Books.Top(BtcUsd));
        Assert.Equal([BtcUsd], resyncs);
        Assert.Equal(2, protocol.EncodeResync(BtcUsd, MarketChannel.Book(null)).Count);
    }

    [Theory]
    [InlineData("""{"e":"depthUpdate","E":""")]
    [InlineData("""{"e":"depthUpdate","E":2,"U":11,"u":12,"b":[["100","2"]],"a":[]}""")]
    [InlineData("""{"e":"depthUpdatX","E":2,"s":"btcusd","U":11,"u":12,"b":[["100","2"]],"a":[]}""")]
    [InlineData("""{"data":{"e":"depthUpdate","s":"btcusd"}}""")]
    [InlineData("")]
    public async Task Decode_BookFrameThatCannotBeAttributed_EveryBookStaleAndResyncedWithOneReport(string frame)
    {
        var (protocol, sink, resyncs) = await LiveBookAsync();

        protocol.Decode(System.Text.Encoding.UTF8.GetBytes(frame), Now, sink);

        Assert.Empty(sink.BookMalformedSymbols);
        Assert.Single(sink.Unattributed);
        Assert.True(sink.Books.IsStale(BtcUsd));
        Assert.Equal([BtcUsd], resyncs);
    }

    [Fact]
    public async Task Decode_BrokenTrade_IsAPlainMalformedFrameAndBooksStayGood()
    {
        var (protocol, sink, resyncs) = await LiveBookAsync();

        protocol.Decode("""{"E":2,"s":"btcusd","t":5,"p":"x","q":"1","m":true}"""u8, Now, sink);

        Assert.Empty(sink.Unattributed);
        Assert.Single(sink.Malformations);
        Assert.False(sink.Books.IsStale(BtcUsd));
        Assert.Empty(resyncs);
    }

    [Fact]
    public async Task Decode_LateFrameForUnsubscribedDepth_IsAPlainMalformedFrame()
    {
        var (protocol, sink, _) = await LiveBookAsync();
        protocol.EncodeUnsubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));

        protocol.Decode("""{"e":"depthUpdate","E":2,"s":"btcusd","U":10,"u":11,"b":[["x","2"]],"a":[]}"""u8, Now, sink);

        Assert.Empty(sink.BookMalformedSymbols);
        Assert.Contains("late frame", Assert.Single(sink.Malformations), StringComparison.Ordinal);
    }

    private static async Task<(IMarketDataProtocol Protocol, CollectingSink Sink, List<Symbol> Resyncs)> LiveBookAsync()
    {
        var protocol = await TestContext.ProtocolAsync("ws");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        var resyncs = new List<Symbol>();
        sink.Books.ResyncRequested += (symbol, _) => resyncs.Add(symbol);
        protocol.Decode("""{"id":1,"status":200}"""u8, Now, sink);
        protocol.Decode("""{"e":"depthUpdate","E":1,"s":"btcusd","U":10,"u":10,"b":[["100","1"]],"a":[["101","1"]]}"""u8, Now, sink);
        Assert.False(sink.Books.IsStale(BtcUsd));
        return (protocol, sink, resyncs);
    }
}
