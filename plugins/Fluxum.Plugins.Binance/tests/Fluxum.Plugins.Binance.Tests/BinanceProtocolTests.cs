using System.Text;
using Fluxum.Plugins.Binance.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Sinks;

namespace Fluxum.Plugins.Binance.Tests;

public sealed class BinanceProtocolTests
{
    private static readonly Symbol BtcUsdt = Symbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static BinanceProtocol Protocol(VenueMode mode = VenueMode.Live) =>
        (BinanceProtocol)new BinanceVenue(TestVenue.Context(mode: mode)).CreateProtocol(ConnectionKind.Public);

    private static RecordingFrameSink Decode(BinanceProtocol protocol, string frame)
    {
        var sink = new RecordingFrameSink();
        protocol.Decode(Encoding.UTF8.GetBytes(frame), Now, sink);
        return sink;
    }

    private static string Wrap(string stream, byte[] payload) => $"{{\"stream\":\"{stream}\",\"data\":{Encoding.UTF8.GetString(payload)}}}";

    [Fact]
    public void Decode_OfficialDiffDepthEvent_IsABookDiffWithUpdateIds()
    {
        var sink = Decode(Protocol(), Wrap("bnbbtc@depth@100ms", TestVenue.Fixture("binance_spot_diff_depth_event.json")));

        var frame = Assert.Single(sink.BookFrames);
        Assert.Equal(Symbol.Parse("BNB/BTC"), frame.Symbol);
        Assert.False(frame.IsSnapshot);
        Assert.Equal(157, frame.FirstSequence);
        Assert.Equal(160, frame.LastSequence);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1672515782136), frame.ExchangeTime);
        Assert.Equal([new LevelChange(BookSide.Bid, 0.0024m, 10m), new LevelChange(BookSide.Ask, 0.0026m, 100m)], frame.Changes);
        Assert.Empty(sink.MalformedFrames);
    }

    [Fact]
    public void Decode_OfficialTradeEvent_BuyerMakerMeansTakerSells()
    {
        var sink = Decode(Protocol(), Wrap("bnbbtc@trade", TestVenue.Fixture("binance_spot_trade_event.json")));

        var trade = Assert.Single(sink.OfType<Trade>());
        Assert.Equal("bnc-test", trade.Venue);
        Assert.Equal(0.001m, trade.Price);
        Assert.Equal(100m, trade.Size);
        Assert.Equal(Side.Sell, trade.TakerSide);
        Assert.Equal("12345", trade.TradeId);
    }

    [Fact]
    public void Decode_RawTradeWithBuyerTaker_IsABuy()
    {
        var sink = Decode(Protocol(), """{"e":"trade","E":1,"s":"BTCUSDT","t":7,"p":"63000.10","q":"0.5","T":2,"m":false,"M":true}""");

        var trade = Assert.Single(sink.OfType<Trade>());
        Assert.Equal(BtcUsdt, trade.Symbol);
        Assert.Equal(Side.Buy, trade.TakerSide);
    }

    [Fact]
    public void Decode_DocumentedKline_IsAnOhlc()
    {
        const string kline = """{"stream":"bnbbtc@kline_1m","data":{"e":"kline","E":1672515782136,"s":"BNBBTC","k":{"t":1672515780000,"T":1672515839999,"s":"BNBBTC","i":"1m","f":100,"L":200,"o":"0.0010","c":"0.0020","h":"0.0025","l":"0.0015","v":"1000","n":100,"x":false,"q":"1.0000","V":"500","Q":"0.500","B":"123456"}}}""";

        var candle = Assert.Single(Decode(Protocol(), kline).OfType<Ohlc>());
        Assert.Equal(TimeSpan.FromMinutes(1), candle.Interval);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1672515780000), candle.Start);
        Assert.Equal((0.0010m, 0.0025m, 0.0015m, 0.0020m, 1000m), (candle.Open, candle.High, candle.Low, candle.Close, candle.Volume));
        Assert.Equal(100, candle.TradeCount);
        Assert.False(candle.IsClosed);
        Assert.Equal(0.001m, candle.Vwap);
    }

    [Fact]
    public void Decode_BookTickerThenTicker_MergesBestBidAskWithTheDayStatistics()
    {
        var protocol = Protocol();
        var book = Decode(protocol, """{"stream":"bnbusdt@bookTicker","data":{"u":400900217,"s":"BNBUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}}""");
        var first = Assert.Single(book.OfType<Ticker>());
        Assert.Equal((25.3519m, 31.21m, 25.3652m, 40.66m), (first.Bid, first.BidSize, first.Ask, first.AskSize));
        Assert.Null(first.Last);

        const string day = """{"stream":"bnbusdt@ticker","data":{"e":"24hrTicker","E":1672515782136,"s":"BNBUSDT","p":"0.0015","P":"250.00","w":"0.0018","x":"0.0009","c":"25.36","Q":"10","b":"0.0024","B":"10","a":"0.0026","A":"100","o":"0.0010","h":"0.0025","l":"0.0010","v":"10000","q":"18","O":0,"C":86400000,"F":0,"L":18150,"n":18151}}""";
        var merged = Assert.Single(Decode(protocol, day).OfType<Ticker>());
        Assert.Equal(25.3519m, merged.Bid); // the bookTicker's, fresher than the 24h ticker's b
        Assert.Equal(25.36m, merged.Last);
        Assert.Equal(10m, merged.LastSize);
        Assert.Equal(10000m, merged.Extras.Volume24h);
        Assert.Equal(18151, merged.Extras.TradeCount24h);
        Assert.Equal(250m, merged.Extras.ChangePercent24h);
        Assert.Equal(0.0018m, merged.Extras.Vwap24h);
    }

    [Fact]
    public void Decode_ServerShutdown_ReportsTheVenueGoingOffline()
    {
        var status = Assert.Single(Decode(Protocol(), """{"stream":"!serverShutdown","data":{"e":"serverShutdown","E":1770123456789}}""").OfType<VenueStatus>());
        Assert.False(status.IsOnline);
        Assert.Equal("serverShutdown", status.Status);
    }

    [Fact]
    public void EncodeSubscribe_WritesTheDocumentedRequestWithIncreasingIds()
    {
        var protocol = Protocol();
        var book = protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(10), BtcUsdt, Symbol.Parse("ETH/USDT")));
        var ticker = protocol.EncodeSubscribe(new Subscription(MarketChannel.Ticker, BtcUsdt));
        var candles = protocol.EncodeUnsubscribe(new Subscription(MarketChannel.Ohlc(TimeSpan.FromHours(4)), BtcUsdt));

        Assert.Equal("""{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms","ethusdt@depth@100ms"],"id":1}""", Encoding.UTF8.GetString(Assert.Single(book).Span));
        Assert.Equal("""{"method":"SUBSCRIBE","params":["btcusdt@bookTicker","btcusdt@ticker"],"id":2}""", Encoding.UTF8.GetString(Assert.Single(ticker).Span));
        Assert.Equal("""{"method":"UNSUBSCRIBE","params":["btcusdt@kline_4h"],"id":3}""", Encoding.UTF8.GetString(Assert.Single(candles).Span));
    }

    [Fact]
    public void Decode_ResultNull_AcknowledgesEverySymbolOfThatRequest()
    {
        var protocol = Protocol();
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, BtcUsdt, Symbol.Parse("ETH/USDT")));

        var acks = Decode(protocol, """{"result":null,"id":1}""").OfType<SubscriptionAck>();

        Assert.Equal(2, acks.Count);
        Assert.All(acks, a => Assert.True(a.Success));
        Assert.Equal([BtcUsdt, Symbol.Parse("ETH/USDT")], acks.Select(a => a.Symbol!.Value));
    }

    [Fact]
    public void Decode_DocumentedError_RefusesThatRequest()
    {
        var protocol = Protocol();
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, BtcUsdt));

        var ack = Assert.Single(Decode(protocol, """{"code": 2, "msg": "Invalid request: too many parameters", "id": 1}""").OfType<SubscriptionAck>());

        Assert.False(ack.Success);
        Assert.Contains("too many parameters", ack.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ErrorWithoutPendingRequest_IsAVenueError()
    {
        var error = Assert.Single(Decode(Protocol(), """{"code":3,"msg":"Invalid JSON: expected value at line 1 column 1"}""").OfType<VenueError>());
        Assert.Equal("3", error.Code);
    }

    [Theory]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["x","1"]],"a":[]}}""")]
    public void Decode_BrokenDiffOfAKnownSymbol_IsReportedForThatBook(string frame)
    {
        var sink = Decode(Protocol(), frame);

        var report = Assert.Single(sink.MalformedFrames);
        Assert.Equal(BtcUsdt, report.BookSymbol);
        Assert.Empty(sink.BookFrames);
    }

    [Fact]
    public void Validate_SimulatedVenue_RefusesAnUnlistedSymbol()
    {
        Assert.NotNull(Protocol(VenueMode.Simulated).Validate(new Subscription(MarketChannel.Trades, Symbol.Parse("ZZZQ/QQQZ"))));
        Assert.Null(Protocol(VenueMode.Simulated).Validate(new Subscription(MarketChannel.Trades, BtcUsdt)));
    }

    [Fact]
    public async Task ResolveEndpoint_IsTheCombinedStreamUnderTheConfiguredBase()
    {
        var endpoint = await Protocol().ResolveEndpointAsync();
        Assert.Equal(new Uri("wss://stream.binance.com:9443/stream"), endpoint.Uri);
    }

    [Fact]
    public void MaxConnectionLifetime_PlansAReconnectBeforeTheDocumented24Hours()
    {
        IMarketDataProtocol protocol = Protocol();
        Assert.True(protocol.MaxConnectionLifetime is { } lifetime && lifetime < TimeSpan.FromHours(24) && lifetime > TimeSpan.FromHours(23));
        Assert.Null(protocol.PingInterval);
    }
}
