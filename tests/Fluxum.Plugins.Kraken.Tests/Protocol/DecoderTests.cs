using System.Globalization;
using System.Text;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Tests.Protocol;

public sealed class DecoderTests
{
    private static CollectingSink Decode(string file)
    {
        var sink = new CollectingSink();
        Fixture.Protocol().Decode(Fixture.Bytes(file), DateTimeOffset.UnixEpoch, sink);
        Assert.Empty(sink.Malformations);
        return sink;
    }

    [Fact]
    public void Decode_TickerSnapshot_AllFields()
    {
        var t = Assert.Single(Decode("kraken_v2_ticker_snapshot.json").Of<Ticker>());
        Assert.Equal(Symbol.Parse("ALGO/USD"), t.Symbol);
        Assert.Equal(0.10025m, t.Bid);
        Assert.Equal(740.0m, t.BidSize);
        Assert.Equal(1361.44813783m, t.AskSize);
        Assert.Equal(-0.17m, t.Extras.ChangePercent24h);
        Assert.Equal(new DateTimeOffset(2023, 9, 25, 9, 4, 31, TimeSpan.Zero).AddTicks(7426480), t.ExchangeTime);
    }

    [Fact]
    public void Decode_TradeSnapshotAndUpdate_Trades()
    {
        var update = Assert.Single(Decode("kraken_v2_trade_update.json").Of<Trade>());
        Assert.Equal(Side.Sell, update.TakerSide);
        Assert.Equal("4665906", update.TradeId);
        Assert.Equal(40.0m, update.Size);
        Assert.NotEmpty(Decode("kraken_v2_trade_snapshot.json").Of<Trade>());
    }

    [Fact]
    public void Decode_OhlcUpdate_NineDigitTimestamps()
    {
        var c = Assert.Single(Decode("kraken_v2_ohlc_update.json").Of<Ohlc>());
        Assert.Equal(TimeSpan.FromMinutes(5), c.Interval);
        Assert.Equal(new DateTimeOffset(2023, 10, 4, 16, 25, 0, TimeSpan.Zero), c.Start);
        Assert.Equal(12, c.TradeCount);
        Assert.NotEmpty(Decode("kraken_v2_ohlc_snapshot.json").Of<Ohlc>());
    }

    [Fact]
    public void Decode_InstrumentSnapshot_PrecisionsKnown()
    {
        var protocol = Fixture.Protocol();
        var sink = new CollectingSink();
        protocol.Decode(Fixture.Bytes("kraken_v2_instrument_snapshot.json"), DateTimeOffset.UnixEpoch, sink);

        var btc = Assert.Single(sink.Of<InstrumentInfo>(), i => i.Symbol == Symbol.Parse("BTC/USD"));
        Assert.Equal((1, 8), (btc.PricePrecision, btc.SizePrecision));
        Assert.True(protocol.Instruments.TryGet(Symbol.Parse("MATIC/GBP"), out var matic));
        Assert.Equal(4, matic.Price);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-1")]
    [InlineData("29")]
    public void Decode_InstrumentPrecisionOutOfRange_ReportedAndNotUsed(string precision)
    {
        // Found by the fuzz command: 2147483648 became int.MinValue, and the next checksum never finished.
        var protocol = Fixture.Protocol();
        var sink = new CollectingSink();
        var frame = "{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":{\"assets\":[],\"pairs\":[{\"symbol\":\"BTC/USD\",\"qty_precision\":8,\"price_precision\":" + precision + "}]}}";

        protocol.Decode(Encoding.UTF8.GetBytes(frame), DateTimeOffset.UnixEpoch, sink);

        Assert.Contains("precision outside 0..28", Assert.Single(sink.Malformations), StringComparison.Ordinal);
        Assert.Empty(sink.Of<InstrumentInfo>());
        Assert.False(protocol.Instruments.TryGet(Symbol.Parse("BTC/USD"), out _));
    }

    [Fact]
    public void Decode_ControlFrames_StatusHeartbeatPongAcks()
    {
        Assert.Equal("online", Assert.Single(Decode("kraken_v2_status.json").Of<VenueStatus>()).Status);
        Assert.Single(Decode("kraken_v2_heartbeat.json").Of<Heartbeat>());
        Assert.Single(Decode("kraken_v2_pong_response.json").Of<Heartbeat>());
        var acks = Decode("kraken_v2_book_subscribe_ack.json").Of<SubscriptionAck>();
        Assert.Equal(2, acks.Length);
        Assert.All(acks, a => Assert.Equal(MarketChannel.Book(10), a.Channel));
        Assert.All(Decode("kraken_v2_ohlc_subscribe_ack.json").Of<SubscriptionAck>(), a => Assert.Equal(MarketChannel.Ohlc(TimeSpan.FromMinutes(5)), a.Channel));
    }

    [Fact]
    public void Decode_ErrorAck_SuccessFalseAndVenueError()
    {
        var sink = new CollectingSink();
        var frame = """{"error":"Currency pair not supported xxx/USD","method":"subscribe","req_id":69,"success":false,"symbol":"xxx/USD","time_in":"2025-04-27T15:37:48.652299Z","time_out":"2025-04-27T15:37:48.652337Z"}""";
        var protocol = Fixture.Protocol();
        protocol.Decode(Encoding.UTF8.GetBytes(frame), DateTimeOffset.UnixEpoch, sink);

        Assert.Single(sink.Of<VenueError>());
        Assert.Empty(sink.Malformations);
    }

    [Fact]
    public void Decode_BalancesUpdate_LedgerEntry()
    {
        var e = Assert.Single(Decode("kraken_v2_balances_update_deposit.json").Of<LedgerEntry>());
        Assert.Equal(LedgerEntryType.Deposit, e.Type);
        Assert.Equal(("ADKKFF-WEA5A-CNUBHG", "BTC", 0.01m, 0.02m), (e.Id, e.Asset, e.Amount, e.Balance!.Value));
        Assert.Equal(3, Decode("kraken_v2_balances_snapshot.json").Of<LedgerEntry>().Length);
        Assert.Equal(2, Decode("kraken_v2_balances_update_trade_pair.json").Of<LedgerEntry>().Length);
    }

    [Theory]
    [InlineData("{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":[{\"price\":\"abc\",\"qty\":1}],\"asks\":[],\"checksum\":1}]}")]
    [InlineData("{\"foo\":1}")]
    public void Decode_MalformedFrame_ReportedNotThrown(string frame)
    {
        var sink = new CollectingSink();
        Fixture.Protocol(("BTC/USD", 1, 8)).Decode(Encoding.UTF8.GetBytes(frame), DateTimeOffset.UnixEpoch, sink);

        Assert.Single(sink.Malformations);
        Assert.Empty(sink.BookResults);
    }

    [Theory]
    [InlineData("0", 0u)]
    [InlineData("3310070434", 3310070434u)]
    [InlineData("4294967295", 4294967295u)]
    [InlineData("4294967296", null)]
    [InlineData("99999999999", null)]
    [InlineData("-1", null)]
    [InlineData("1.5", null)]
    [InlineData("\"12\"", null)]
    public void TryUInt32_ChecksumNumbers_OnlyUnsigned32BitIntegers(string json, uint? expected)
    {
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        var ok = JsonValues.TryUInt32(ref reader, out var value);

        Assert.Equal(expected is not null, ok);
        Assert.Equal(expected ?? 0u, value);
    }

    [Theory]
    [InlineData("1e-08", "0.00000001")]
    [InlineData("1774.00", "1774.00")]
    [InlineData("-0.17", "-0.17")]
    [InlineData("63498", "63498")]
    public void TryDecimal_NumberForms_Exact(string json, string expected)
    {
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        Assert.True(JsonValues.TryDecimal(ref reader, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void CheckSubscription_BadDepthAndInterval_ClearMessagesFromTheDeclaredOffer()
    {
        var protocol = new KrakenPlugin().CreateProtocol(Fixture.Context(), Fluxum.Sdk.Plugins.ConnectionKind.Public);
        Assert.Equal("book depth 20 is not offered (offered: 10, 25, 100, 500, 1000)", protocol.CheckSubscription(new Subscription(MarketChannel.Book(20), Symbol.Parse("BTC/USD"))));
        Assert.Equal("2m candles are not offered (offered: 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 15d)", protocol.CheckSubscription(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(2)), Symbol.Parse("BTC/USD"))));
        Assert.Null(protocol.CheckSubscription(new Subscription(MarketChannel.Ohlc(TimeSpan.FromDays(15)), Symbol.Parse("BTC/USD"))));
        // Encoding guards the same rules: a subscription the host would refuse cannot be encoded either.
        Assert.Throws<ArgumentException>(() => protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(20), Symbol.Parse("BTC/USD"))));
    }
}
