using System.Text;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Kraken.Tests.Protocol;

/// <summary>Bad input is reported through the sink, never thrown: huge numbers, wrong types, long strings.</summary>
public sealed class DecoderRobustnessTests
{
    private static readonly DateTimeOffset At = new(2026, 7, 7, 23, 0, 0, TimeSpan.Zero);
    private static readonly string LongEscapedSymbol = string.Concat(Enumerable.Repeat("\\u0041", 70)) + "/USD";

    [Theory]
    [InlineData("\"trades\":99999999999999999999", "trades")]
    [InlineData("\"trades\":-1", "trades")]
    [InlineData("\"trades\":1.5", "trades")]
    [InlineData("\"interval\":99999999999", "interval")]
    [InlineData("\"interval\":\"5\"", "interval")]
    [InlineData("\"interval\":7", "interval")]
    public void Decode_OhlcWithBadCountOrInterval_MalformedNotThrown(string field, string name)
    {
        var candle = Candle().Replace($"\"{name}\":{(name == "trades" ? "12" : "5")}", field, StringComparison.Ordinal);

        var sink = Decode(candle);

        Assert.Single(sink.Malformations);
        Assert.Empty(sink.Of<Ohlc>());
    }

    [Fact]
    public void Decode_OhlcEndingPastTheLastRepresentableTime_MalformedNotThrown()
    {
        var sink = Decode(Candle().Replace("2026-07-07T22:55:00.000000000Z", "9999-12-31T23:59:00.000000000Z", StringComparison.Ordinal));

        Assert.Contains("ohlc 'interval_begin' is too late", Assert.Single(sink.Malformations), StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OhlcWithGoodCount_Decoded()
    {
        var sink = Decode(Candle());

        Assert.Empty(sink.Malformations);
        Assert.Equal(12, Assert.Single(sink.Of<Ohlc>()).TradeCount);
    }

    [Fact]
    public void Decode_BookWithEscapedSymbolOver64Bytes_MalformedNotThrown()
    {
        var sink = Decode($$"""{"channel":"book","type":"snapshot","data":[{"symbol":"{{LongEscapedSymbol}}","bids":[],"asks":[],"checksum":1}]}""");

        Assert.Equal("book 'symbol' is not a BASE/QUOTE symbol", Assert.Single(sink.Malformations).Split(" :: ")[0]);
        Assert.Empty(sink.BookResults);
    }

    [Fact]
    public void Decode_TickerWithEscapedSymbolOver64Bytes_MalformedNotThrown()
    {
        var sink = Decode($$"""{"channel":"ticker","type":"update","data":[{"symbol":"{{LongEscapedSymbol}}","bid":1.0,"bid_qty":1.0,"ask":2.0,"ask_qty":1.0}]}""");

        Assert.Single(sink.Malformations);
        Assert.Empty(sink.Of<Ticker>());
    }

    [Fact]
    public void Decode_EscapedShortSymbol_StillRead()
    {
        var sink = Decode("""{"channel":"ticker","type":"update","data":[{"symbol":"\u0042TC/USD","bid":1.0,"bid_qty":1.0,"ask":2.0,"ask_qty":1.0}]}""");

        Assert.Equal(Symbol.Parse("BTC/USD"), Assert.Single(sink.Of<Ticker>()).Symbol);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("\"1e400\"")]
    [InlineData("true")]
    [InlineData("[1]")]
    public void Decode_TickerWithHugeOrWrongTypedNumber_MalformedNotThrown(string bid)
    {
        var sink = Decode($$"""{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":{{bid}},"bid_qty":1.0,"ask":2.0,"ask_qty":1.0}]}""");

        Assert.Single(sink.Malformations);
        Assert.Empty(sink.Of<Ticker>());
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00.000000Z", true)]
    [InlineData("0001-01-01T00:00:00.000000+01:00", false)]
    [InlineData("9999-12-31T23:59:59.999999-01:00", false)]
    public void Decode_TimestampOutOfRangeAfterItsOffset_NoTimeNotThrown(string timestamp, bool representable)
    {
        var sink = Decode($$"""{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":1.0,"bid_qty":1.0,"ask":2.0,"ask_qty":1.0,"timestamp":"{{timestamp}}"}]}""");

        Assert.Equal(representable, Assert.Single(sink.Of<Ticker>()).ExchangeTime is not null);
    }

    [Fact]
    public void Decode_BookAtTheLargestDecimal_ChecksumMismatchNotThrown()
    {
        var protocol = Fixture.Protocol(("BTC/USD", 1, 8));
        var books = new BookManager("kraken", protocol.VenueBookRules());
        var sink = new CollectingSink(books);

        protocol.Decode(Encoding.UTF8.GetBytes("""{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[{"price":79228162514264337593543950335,"qty":79228162514264337593543950335}],"asks":[],"checksum":7}]}"""), At, sink);

        Assert.Equal(BookFrameResult.Failed, Assert.Single(sink.BookResults).Result);
        Assert.Equal(1L, books.Counters.ChecksumFailures);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("40")]
    [InlineData("-1")]
    [InlineData("\"1\"")]
    public void Decode_InstrumentWithImpossiblePrecision_NotUsedForTheChecksum(string precision)
    {
        var protocol = Fixture.Protocol();
        var sink = new CollectingSink();

        protocol.Decode(Encoding.UTF8.GetBytes($$$"""{"channel":"instrument","type":"snapshot","data":{"assets":[],"pairs":[{"symbol":"BTC/USD","status":"online","price_precision":{{{precision}}},"qty_precision":8}]}}"""), At, sink);

        Assert.False(protocol.Instruments.TryGet(Symbol.Parse("BTC/USD"), out _));
    }

    [Fact]
    public void Decode_AckWithHugeDepth_AckedWithTheDefaultDepth()
    {
        var sink = Decode("""{"method":"subscribe","result":{"channel":"book","depth":99999999999,"snapshot":true,"symbol":"BTC/USD"},"success":true,"time_in":"2026-07-07T23:00:03.501510Z","time_out":"2026-07-07T23:00:03.501553Z"}""");

        Assert.Equal(MarketChannel.Book(10), Assert.Single(sink.Of<SubscriptionAck>()).Channel);
    }

    private static string Candle() =>
        """{"channel":"ohlc","type":"update","data":[{"symbol":"BTC/USD","open":1.0,"high":2.0,"low":0.5,"close":1.5,"trades":12,"volume":3.0,"vwap":1.2,"interval_begin":"2026-07-07T22:55:00.000000000Z","interval":5,"timestamp":"2026-07-07T23:00:00.000000Z"}]}""";

    private static CollectingSink Decode(string frame)
    {
        var sink = new CollectingSink();
        Fixture.Protocol().Decode(Encoding.UTF8.GetBytes(frame), At, sink);
        return sink;
    }
}
