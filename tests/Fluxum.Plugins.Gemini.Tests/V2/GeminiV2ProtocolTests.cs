using System.Text;
using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Gemini.Tests.V2;

public sealed class GeminiV2ProtocolTests
{
    private static readonly Symbol BtcUsd = new("BTC", "USD");
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EncodeSubscribe_BookTradesAndTicker_SendsOneL2Subscription()
    {
        var protocol = await TestContext.ProtocolAsync("v2");

        var book = protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd, new Symbol("ETH", "USD")));
        var trades = protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, BtcUsd));

        Assert.Equal("""{"type":"subscribe","subscriptions":[{"name":"l2","symbols":["BTCUSD","ETHUSD"]}]}""", Encoding.UTF8.GetString(Assert.Single(book).Span));
        Assert.Empty(trades);
    }

    [Fact]
    public async Task Decode_DocumentedInitialThenUpdate_SnapshotThenChange()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_initial.json"), Now, sink);
        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_update.json"), Now, sink);

        var frames = sink.Frames.ToArray();
        Assert.Equal((BtcUsd, true, 2, BookFrameResult.Snapshot), frames[0]);
        Assert.Equal((BtcUsd, false, 1, BookFrameResult.Applied), frames[1]);
        var top = sink.Books.Top(BtcUsd)!.Value;
        Assert.Equal(9122.04m, top.Bid.Price);
        Assert.Equal(9122.07m, top.Ask.Price);
        Assert.Equal(0.1921229751m, sink.Books.Snapshot(BtcUsd)!.Asks.Single(l => l.Price == 9160.20m).Size);
        var trade = Assert.Single(sink.Of<Trade>());
        Assert.Equal((9122.04m, 0.0073173m, Side.Sell, "2840140800042677"), (trade.Price, trade.Size, trade.TakerSide, trade.TradeId));
        Assert.Empty(sink.Malformations);
    }

    [Fact]
    public async Task Decode_TradeMessageWithEventUnderscoreId_PublishesTakerSideAndTime()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame("gemini_v2_trade.json"), Now, sink);

        var trade = Assert.Single(sink.Of<Trade>());
        Assert.Equal((9004.21m, 0.0911m, Side.Buy), (trade.Price, trade.Size, trade.TakerSide));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(151231241), trade.ExchangeTime);
    }

    [Fact]
    public async Task Decode_Candles15m_PublishesRowsOldestFirstWithNumbers()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        var subscribe = protocol.EncodeSubscribe(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(15)), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame("gemini_v2_candles_15m_updates.json"), Now, sink);

        Assert.Contains("\"candles_15m\"", Encoding.UTF8.GetString(subscribe[0].Span), StringComparison.Ordinal);
        var candles = sink.Of<Ohlc>().ToArray();
        Assert.Equal(2, candles.Length);
        Assert.Equal((1561053600000L, 9357.33m, true), (candles[0].Start.ToUnixTimeMilliseconds(), candles[0].Open, candles[0].IsClosed));
        Assert.Equal((9355.51m, 2.07m, false), (candles[1].Close, candles[1].Volume, candles[1].IsClosed));
    }

    [Theory]
    [InlineData("1m", true)]
    [InlineData("6h", true)]
    [InlineData("1d", true)]
    [InlineData("4h", false)]
    public async Task Validate_CandleIntervals_OnlyDocumentedOnesPass(string interval, bool ok)
    {
        var protocol = await TestContext.ProtocolAsync("v2");

        var problem = protocol.CheckSubscription(new Subscription(MarketChannel.Ohlc(Intervals.Parse(interval)), BtcUsd));

        Assert.Equal(ok, problem is null);
    }

    [Fact]
    public async Task Decode_TickerSubscribed_DerivesTickerFromTopAndLastTrade()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Ticker, BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        protocol.Decode(Fixture.Frame("gemini_v2_l2_updates_initial.json"), Now, sink);
        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","9122.04","0"],["buy","9122.01","2"]]}"""u8, Now, sink);
        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","9000.00","1"]]}"""u8, Now, sink);

        var tickers = sink.Of<Ticker>().ToArray();
        Assert.Equal(2, tickers.Length);
        Assert.Equal((9122.04m, 9122.07m, 9122.04m), (tickers[0].Bid, tickers[0].Ask, tickers[0].Last));
        Assert.Equal((9122.01m, 2m), (tickers[1].Bid, tickers[1].BidSize));
        Assert.Empty(sink.Of<Trade>());
    }

    [Fact]
    public async Task OnConnected_AfterReconnect_FirstMessageReplacesBookWithoutGhosts()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        var book = new Subscription(MarketChannel.Book(null), BtcUsd);
        protocol.EncodeSubscribe(book);
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","100","1"],["buy","99","1"],["sell","101","1"]],"trades":[]}"""u8, Now, sink);

        protocol.OnConnected();
        protocol.EncodeSubscribe(book);
        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","100","2"],["sell","101","1"]],"trades":[]}"""u8, Now, sink);

        var snapshot = sink.Books.Snapshot(BtcUsd)!;
        Assert.Equal([100m], snapshot.Bids.Select(l => l.Price));
        Assert.Equal(2, sink.Frames.Count(f => f.Snapshot));
    }

    [Fact]
    public async Task EncodeResync_LateUpdateThenInitial_OnlyInitialIsSnapshot()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","100","1"],["sell","101","1"]],"trades":[]}"""u8, Now, sink);

        var resync = protocol.EncodeResync(BtcUsd, MarketChannel.Book(null));
        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","99","1"]]}"""u8, Now, sink);
        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","98","1"],["sell","102","1"]],"trades":[]}"""u8, Now, sink);

        Assert.Equal(["unsubscribe", "subscribe"], resync.Select(m => Encoding.UTF8.GetString(m.Span).Split('"')[3]));
        Assert.Equal([true, false, true], sink.Frames.Select(f => f.Snapshot));
        Assert.Equal([98m], sink.Books.Snapshot(BtcUsd)!.Bids.Select(l => l.Price));
    }

    [Fact]
    public async Task Decode_Recording_WholeCaptureAppliesWithoutGapOrFailure()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        var symbols = new[] { "BTC/GBP", "LINK/ETH", "FIL/USD", "ZEC/LTC", "BAT/BTC", "ETH/EUR", "LTC/ETH", "GRT/USD", "ANKR/USD", "ALCX/USD" }.Select(Symbol.Parse).ToArray();
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), symbols));
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, symbols));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));

        var frames = Fixture.Recording();
        foreach (var frame in frames)
        {
            protocol.Decode(frame, Now, sink);
        }

        Assert.Equal(678, frames.Count);
        Assert.Empty(sink.Malformations);
        Assert.Equal(10, sink.Frames.Count(f => f.Snapshot));
        Assert.Equal(655, sink.Frames.Count);
        Assert.DoesNotContain(sink.Frames, f => f.Result is BookFrameResult.Failed or BookFrameResult.Discarded);
        Assert.Empty(sink.Of<DataQualityEvent>());
        Assert.Equal(7, sink.Of<Heartbeat>().Count());
        Assert.Equal(16 + 500, sink.Of<Trade>().Count());
        Assert.All(symbols, s => Assert.False(sink.Books.IsStale(s)));
    }

    [Fact]
    public async Task Decode_RemovalOfUnknownLevel_NoOpNotGap()
    {
        var protocol = await TestContext.ProtocolAsync("v2");
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), BtcUsd));
        var sink = new CollectingSink(new BookManager("gemini", protocol.VenueBookRules()));
        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","100","1"],["sell","101","1"]],"trades":[]}"""u8, Now, sink);

        protocol.Decode("""{"type":"l2_updates","symbol":"BTCUSD","changes":[["buy","100.5","0"],["sell","150","0"]]}"""u8, Now, sink);

        Assert.Equal(BookFrameResult.Applied, sink.Frames.Last().Result);
        Assert.Empty(sink.Of<DataQualityEvent>());
        Assert.Equal((100m, 101m), (sink.Books.Top(BtcUsd)!.Value.Bid.Price, sink.Books.Top(BtcUsd)!.Value.Ask.Price));
    }
}
