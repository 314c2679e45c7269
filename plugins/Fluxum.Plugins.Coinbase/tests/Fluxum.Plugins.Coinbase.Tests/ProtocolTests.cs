using System.Text;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Sinks;

namespace Fluxum.Plugins.Coinbase.Tests;

public sealed class ProtocolTests
{
    private static readonly Symbol BtcUsd = Symbol.Parse("BTC/USD");
    private static readonly Symbol EthUsd = Symbol.Parse("ETH/USD");

    [Fact]
    public void Decode_DocsLevel2Snapshot_BookSnapshotWithBidsAndSequence()
    {
        var sink = new RecordingFrameSink();
        Support.Protocol().Decode(Support.Fixture("coinbase_adv_level2_snapshot.json"), DateTimeOffset.UtcNow, sink);

        var frame = Assert.Single(sink.BookFrames);
        Assert.Equal(BtcUsd, frame.Symbol);
        Assert.True(frame.IsSnapshot);
        Assert.Equal([new LevelChange(BookSide.Bid, 21921.73m, 0.06317902m), new LevelChange(BookSide.Bid, 21921.3m, 0.02m)], frame.Changes);
        Assert.Equal([0L], sink.ConnectionSequences);
        Assert.Empty(sink.MalformedFrames);
    }

    [Fact]
    public void Decode_Level2UpdateWithOfferAskAndZero_AsksAndRemoval()
    {
        var frame = """{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":7,"events":[{"type":"update","product_id":"ETH-USD","updates":[{"side":"offer","event_time":"2023-02-09T20:32:50.714964855Z","price_level":"1600.1","new_quantity":"0"},{"side":"ask","event_time":"2023-02-09T20:32:50Z","price_level":"1600.2","new_quantity":"1.5"}]}]}"""u8.ToArray();
        var sink = new RecordingFrameSink();
        Support.Protocol().Decode(frame, DateTimeOffset.UtcNow, sink);

        var book = Assert.Single(sink.BookFrames);
        Assert.False(book.IsSnapshot);
        Assert.Equal(EthUsd, book.Symbol);
        Assert.Equal([new LevelChange(BookSide.Ask, 1600.1m, 0m), new LevelChange(BookSide.Ask, 1600.2m, 1.5m)], book.Changes);
        Assert.Equal([7L], sink.ConnectionSequences);
        Assert.Equal(new DateTimeOffset(2023, 2, 9, 20, 32, 50, TimeSpan.Zero).AddTicks(7149648), book.ExchangeTime);
    }

    [Fact]
    public void Decode_BadLevelWithKnownProduct_BookMalformedForThatSymbol()
    {
        var frame = """{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50Z","sequence_num":3,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"sideways","event_time":"2023-02-09T20:32:50Z","price_level":"1","new_quantity":"1"}]}]}"""u8.ToArray();
        var sink = new RecordingFrameSink();
        Support.Protocol().Decode(frame, DateTimeOffset.UtcNow, sink);

        var report = Assert.Single(sink.MalformedFrames);
        Assert.Equal(BtcUsd, report.BookSymbol);
        Assert.Empty(sink.BookFrames);
    }

    [Fact]
    public void Decode_MembersInAnyOrder_SameBookFrameAsTheDocumentedOrder()
    {
        // The decoder reads the documented order in one pass and any other from a copy of the reader: both must agree.
        var documented = """{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50.714964855Z","sequence_num":9,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"2023-02-09T20:32:50Z","price_level":"21921.73","new_quantity":"0.5"}]}]}"""u8.ToArray();
        var reordered = """{"events":[{"updates":[{"new_quantity":"0.5","price_level":"21921.73","side":"bid"}],"product_id":"BTC-USD","type":"update"}],"sequence_num":9,"timestamp":"2023-02-09T20:32:50.714964855Z","channel":"l2_data"}"""u8.ToArray();
        var first = new RecordingFrameSink();
        var second = new RecordingFrameSink();
        Support.Protocol().Decode(documented, DateTimeOffset.UnixEpoch, first);
        Support.Protocol().Decode(reordered, DateTimeOffset.UnixEpoch, second);

        var expected = Assert.Single(first.BookFrames);
        var actual = Assert.Single(second.BookFrames);
        Assert.Equal(expected.Symbol, actual.Symbol);
        Assert.Equal(expected.Changes, actual.Changes);
        Assert.Equal(expected.ExchangeTime, actual.ExchangeTime);
        Assert.Equal([9L], second.ConnectionSequences);
        Assert.Empty(second.MalformedFrames);
    }

    [Theory]
    [InlineData("cut after the events array")]
    [InlineData("cut inside the last level")]
    [InlineData("two events arrays")]
    [InlineData("two updates arrays")]
    [InlineData("events not an array of objects")]
    public void Decode_BrokenLevel2Message_ReportedAndNothingApplied(string flaw)
    {
        const string Good = """{"channel":"l2_data","client_id":"","timestamp":"2023-02-09T20:32:50Z","sequence_num":3,"events":[{"type":"update","product_id":"BTC-USD","updates":[{"side":"bid","event_time":"2023-02-09T20:32:50Z","price_level":"1","new_quantity":"1"}]}]}""";
        var text = flaw switch
        {
            "cut after the events array" => Good[..^1],
            "cut inside the last level" => Good[..Good.IndexOf("\"new_quantity\"", StringComparison.Ordinal)],
            "two events arrays" => Good[..^1] + ""","events":[]}""",
            "two updates arrays" => Good.Replace("}]}]}", """}],"updates":[]}]}""", StringComparison.Ordinal),
            _ => Good.Replace("""[{"type""", """[1,{"type""", StringComparison.Ordinal),
        };
        var sink = new RecordingFrameSink();
        Support.Protocol().Decode(Encoding.UTF8.GetBytes(text), DateTimeOffset.UtcNow, sink);

        var report = Assert.Single(sink.MalformedFrames);
        if (flaw == "two events arrays")
        {
            // The first array was decoded where it stood; the report names its book, so the host marks it stale.
            Assert.Equal(BtcUsd, report.BookSymbol);
        }
        else
        {
            Assert.Empty(sink.BookFrames);
        }
    }

    [Fact]
    public void Decode_DocsTicker_TickerWithBestBidAskAndStats()
    {
        var sink = new RecordingFrameSink();
        Support.Protocol().Decode(Support.Fixture("coinbase_adv_ticker.json"), DateTimeOffset.UtcNow, sink);

        var ticker = Assert.Single(sink.OfType<Ticker>());
        Assert.Equal(BtcUsd, ticker.Symbol);
        Assert.Equal("cb-test", ticker.Venue);
        Assert.Equal(21931.98m, ticker.Bid);
        Assert.Equal(8000.21m, ticker.BidSize);
        Assert.Equal(21933.98m, ticker.Ask);
        Assert.Equal(8038.07770938m, ticker.AskSize);
        Assert.Equal(21932.98m, ticker.Last);
        Assert.Equal(16038.28770938m, ticker.Extras.Volume24h);
        Assert.Equal(-4.15775596190603m, ticker.Extras.ChangePercent24h);
        Assert.Null(EventRules.Violation(ticker));
    }

    [Fact]
    public void Decode_DocsHeartbeats_HeartbeatAndSequence()
    {
        var sink = new RecordingFrameSink();
        Support.Protocol().Decode(Support.Fixture("coinbase_adv_heartbeats.json"), DateTimeOffset.UtcNow, sink);

        Assert.IsType<Heartbeat>(Assert.Single(sink.Events));
        Assert.Equal([0L], sink.ConnectionSequences);
    }

    [Fact]
    public void Decode_MarketTradesAndCandles_TradesAndFiveMinuteCandles()
    {
        var sink = new RecordingFrameSink();
        var protocol = Support.Protocol();
        protocol.Decode("""{"channel":"market_trades","client_id":"","timestamp":"2023-02-09T20:19:35.39625135Z","sequence_num":1,"events":[{"type":"snapshot","trades":[{"trade_id":"000000000","product_id":"ETH-USD","price":"1260.01","size":"0.3","side":"BUY","time":"2019-08-14T20:42:27.265Z"}]}]}"""u8, DateTimeOffset.UtcNow, sink);
        protocol.Decode("""{"channel":"candles","client_id":"","timestamp":"2023-06-09T20:19:35.39625135Z","sequence_num":2,"events":[{"type":"snapshot","candles":[{"start":"1688998200","high":"1867.72","low":"1865.63","open":"1867.38","close":"1866.81","volume":"0.20269406","product_id":"ETH-USD"}]}]}"""u8, DateTimeOffset.UtcNow, sink);

        var trade = Assert.Single(sink.OfType<Trade>());
        Assert.Equal((EthUsd, 1260.01m, 0.3m, Side.Buy, "000000000"), (trade.Symbol, trade.Price, trade.Size, trade.TakerSide, trade.TradeId));
        var candle = Assert.Single(sink.OfType<Ohlc>());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1688998200), candle.Start);
        Assert.Equal(TimeSpan.FromMinutes(5), candle.Interval);
        Assert.Equal((1867.38m, 1867.72m, 1865.63m, 1866.81m, 0.20269406m), (candle.Open, candle.High, candle.Low, candle.Close, candle.Volume));
        Assert.Equal([1L, 2L], sink.ConnectionSequences);
    }

    [Fact]
    public void Decode_Status_InstrumentInfoNotDropped()
    {
        var sink = new RecordingFrameSink();
        Support.Protocol().Decode("""{"channel":"status","client_id":"","timestamp":"2023-02-09T20:29:49.753424311Z","sequence_num":0,"events":[{"type":"snapshot","products":[{"product_type":"SPOT","id":"BTC-USD","base_currency":"BTC","quote_currency":"USD","base_increment":"0.00000001","quote_increment":"0.01","display_name":"BTC/USD","status":"online","status_message":"","min_market_funds":"1"}]}]}"""u8, DateTimeOffset.UtcNow, sink);

        var info = Assert.Single(sink.OfType<InstrumentInfo>());
        Assert.Equal((BtcUsd, "BTC-USD", 2, 8, "online"), (info.Symbol, info.VenueSymbol, info.PricePrecision, info.SizePrecision, info.Status));
    }

    [Fact]
    public void Encode_Level2_TheDocsSubscribeMessageByteForByte()
    {
        var protocol = Support.Protocol();
        var messages = protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(10), EthUsd, BtcUsd));

        var message = Assert.Single(messages);
        var expected = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(Support.Fixture("coinbase_adv_level2_subscribe.json")).RootElement);
        Assert.Equal(expected, Encoding.UTF8.GetString(message.Span));
        Assert.Equal("""{"type":"unsubscribe","product_ids":["BTC-USD"],"channel":"market_trades"}""", Encoding.UTF8.GetString(Assert.Single(protocol.EncodeUnsubscribe(new Subscription(MarketChannel.Trades, BtcUsd))).Span));
    }

    [Fact]
    public void OnConnected_SubscribesHeartbeatsOneChannelPerMessage()
    {
        var messages = Support.Protocol().OnConnected();

        Assert.Equal("""{"type":"subscribe","product_ids":[],"channel":"heartbeats"}""", Encoding.UTF8.GetString(Assert.Single(messages).Span));
    }

    [Fact]
    public void Decode_SubscriptionsAndError_AcksTheOpenRequestsInOrder()
    {
        var protocol = Support.Protocol();
        _ = protocol.OnConnected();
        _ = protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(10), BtcUsd));
        _ = protocol.EncodeSubscribe(new Subscription(MarketChannel.Ticker, Symbol.Parse("ZZZ/USD")));
        var sink = new RecordingFrameSink();

        protocol.Decode("""{"channel":"subscriptions","client_id":"","timestamp":"2023-02-09T20:32:50Z","sequence_num":0,"events":[{"subscriptions":{"heartbeats":["heartbeats"]}}]}"""u8, DateTimeOffset.UtcNow, sink);
        protocol.Decode("""{"channel":"subscriptions","client_id":"","timestamp":"2023-02-09T20:32:50Z","sequence_num":1,"events":[{"subscriptions":{"heartbeats":["heartbeats"],"level2":["BTC-USD"]}}]}"""u8, DateTimeOffset.UtcNow, sink);
        protocol.Decode("""{"type":"error","message":"Failed to subscribe","reason":"ZZZ-USD is not a valid product"}"""u8, DateTimeOffset.UtcNow, sink);

        var acks = sink.OfType<SubscriptionAck>();
        Assert.Equal(2, acks.Count);
        Assert.True(acks[0] is { Success: true, IsSubscribe: true, Channel.Kind: ChannelKind.Book } && acks[0].Symbol == BtcUsd);
        Assert.True(acks[1] is { Success: false, Channel.Kind: ChannelKind.Ticker });
        Assert.Contains("not a valid product", Assert.Single(sink.OfType<VenueError>()).Message, StringComparison.Ordinal);
    }
}
