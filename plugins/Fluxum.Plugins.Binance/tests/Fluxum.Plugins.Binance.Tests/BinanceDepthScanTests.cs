using System.Globalization;
using System.Text;
using Fluxum.Plugins.Binance.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Sinks;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>
/// The <c>depthUpdate</c> byte scan against the general JSON reader: the frames the scan takes decode to exactly
/// what the reader makes of them (values and scales), and every frame it does not take still reaches the reader.
/// </summary>
public sealed class BinanceDepthScanTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private static readonly Symbol BtcUsdt = Symbol.Parse("BTC/USDT");

    private static BinanceProtocol Protocol() =>
        (BinanceProtocol)new BinanceVenue(TestVenue.Context(mode: VenueMode.Live)).CreateProtocol(ConnectionKind.Public);

    private static (RecordingFrameSink Sink, long Scanned) Decode(string frame)
    {
        var protocol = Protocol();
        var sink = new RecordingFrameSink();
        protocol.Decode(Encoding.UTF8.GetBytes(frame), Now, sink);
        return (sink, protocol.ScannedFrames);
    }

    /// <summary>Every field of a decoded frame, decimals as written (with their scale), for an exact comparison.</summary>
    private static string Describe(RecordingFrameSink sink) => string.Join(
        " | ",
        sink.BookFrames.Select(f => FormattableString.Invariant(
            $"{f.Symbol} {f.IsSnapshot} {f.FirstSequence}..{f.LastSequence} {f.ExchangeTime:O} {f.ReceivedAt:O} {string.Join(' ', f.Changes.Select(c => $"{c.Side}:{c.Price}x{c.Size}:{c.OrderCount}"))}")))
        + $" malformed={sink.MalformedFrames.Count}";

    /// <summary>The same JSON with a space after every colon and comma outside strings: only the general reader takes it.</summary>
    private static string Spaced(string frame)
    {
        var text = new StringBuilder(frame.Length * 2);
        var inString = false;
        foreach (var c in frame)
        {
            text.Append(c);
            if (c == '"')
            {
                inString = !inString;
            }
            else if (!inString && c is ':' or ',')
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }

    private static string RandomDecimal(Random random) => random.Next(6) switch
    {
        0 => "0.00000000",
        1 => random.Next(1, 100_000).ToString(CultureInfo.InvariantCulture),
        2 => FormattableString.Invariant($"{random.Next(0, 100_000)}.{random.Next(0, 100_000_000):D8}"),
        3 => FormattableString.Invariant($"0.{random.Next(0, 1000):D3}"),
        4 => FormattableString.Invariant($"{random.NextInt64(1, 1_000_000_000_000)}.{random.Next(0, 1_000_000):D6}"),
        _ => FormattableString.Invariant($"{random.Next(1, 10)}.{random.Next(0, 10)}"),
    };

    private static string RandomFrame(Random random, bool wrapped)
    {
        var symbol = random.Next(2) == 0 ? "BTCUSDT" : "BNBBTC";
        string Side() => string.Join(',', Enumerable.Range(0, random.Next(0, 8)).Select(_ => $"[\"{RandomDecimal(random)}\",\"{RandomDecimal(random)}\"]"));
        var first = random.NextInt64(0, 100_000_000_000);
        var payload = $$"""{"e":"depthUpdate","E":{{random.NextInt64(0, 2_000_000_000_000)}},"s":"{{symbol}}","U":{{first}},"u":{{first + random.Next(0, 50)}},"b":[{{Side()}}],"a":[{{Side()}}]}""";
        return wrapped ? $$"""{"stream":"{{symbol.ToLowerInvariant()}}@depth@100ms","data":{{payload}}}""" : payload;
    }

    [Fact]
    public void Scan_RandomDiffs_DecodeExactlyAsTheGeneralReaderDoes()
    {
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var frame = RandomFrame(random, wrapped: i % 3 != 0);
            var (scanned, scans) = Decode(frame);
            var (general, generalScans) = Decode(Spaced(frame));

            Assert.Equal(1, scans);
            Assert.Equal(0, generalScans);
            Assert.Single(scanned.BookFrames);
            Assert.Equal(Describe(general), Describe(scanned));
        }
    }

    [Fact]
    public void Scan_KeepsTheScaleAsWritten()
    {
        var (sink, scans) = Decode("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["97123.44000000","0.00000000"]],"a":[[".5","7."]]}}""");

        Assert.Equal(1, scans);
        var change = Assert.Single(Assert.Single(sink.BookFrames).Changes, c => c.Side == BookSide.Bid);
        Assert.Equal("97123.44000000", change.Price.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.00000000", change.Size.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    // Not as Binance writes it, but valid: the general reader decodes it.
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTC\u0055SDT","U":5,"u":6,"b":[["1.5","2"]],"a":[]}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","u":6,"U":5,"b":[["1.5","2"]],"a":[]}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["1.5","2"]],"a":[],"x":1}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["1.5","2"]],"a":[]}} """)]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["1\u002e5","2"]],"a":[]}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1234567890123456789,"u":1234567890123456789,"b":[],"a":[]}}""")]
    public void Scan_ValidFramesItDoesNotTake_StillDecode(string frame)
    {
        var (sink, scans) = Decode(frame);

        Assert.Equal(0, scans);
        Assert.Empty(sink.MalformedFrames);
        var decoded = Assert.Single(sink.BookFrames);
        Assert.Equal(BtcUsdt, decoded.Symbol);
    }

    [Theory]
    // Broken in ways a byte scan could miss: each is refused and reported, as the general reader reports it.
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":01,"s":"BTCUSDT","U":5,"u":6,"b":[],"a":[]}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6.5,"b":[],"a":[]}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["1.5","2","3"]],"a":[]}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["1.5","2"],],"a":[]}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["1.5","-"]],"a":[]}}""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":5,"u":6,"b":[["1.5","2"]],"a":[]""")]
    [InlineData("""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":99999999999999999,"s":"BTCUSDT","U":5,"u":6,"b":[],"a":[]}}""")]
    [InlineData("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":5,\"u\":6,\"b\":[[\"1.5\",\"2\u0001\"]],\"a\":[]}}")]
    public void Scan_BrokenFrames_AreReportedNotApplied(string frame)
    {
        var (sink, scans) = Decode(frame);

        Assert.Equal(0, scans);
        Assert.Empty(sink.BookFrames);
        Assert.Single(sink.MalformedFrames);
    }

    [Fact]
    public void Scan_UnknownSymbol_IsReportedOnceAsTheGeneralReaderReportsIt()
    {
        var protocol = Protocol();
        var scanned = new RecordingFrameSink();
        var general = new RecordingFrameSink();
        protocol.Decode("""{"stream":"x@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"QQQQ","U":5,"u":6,"b":[],"a":[]}}"""u8, Now, scanned);
        protocol.Decode("""{"stream": "x@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"QQQQ","U":5,"u":6,"b":[],"a":[]}}"""u8, Now, general);

        Assert.Equal(0, protocol.ScannedFrames);
        Assert.Empty(scanned.BookFrames);
        var report = Assert.Single(scanned.MalformedFrames);
        Assert.Contains("QQQQ", report.Reason, StringComparison.Ordinal);
        Assert.Equal(Assert.Single(general.MalformedFrames) with { Frame = report.Frame }, report);
    }
}
