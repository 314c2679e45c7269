using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fluxum.Plugins.Gemini;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Benchmarks.Gemini;

/// <summary>
/// Gemini market data v2 over the real recorded frames (cryptofeed capture, 10 symbols): a bare
/// <see cref="Utf8JsonReader"/> walk (baseline) against decode + normalize + <see cref="BookManager.Apply"/>.
/// Results are per frame (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GeminiDecodeBenchmarks
{
    private const int AllFrames = 678;
    private const int BookFrames = 655;
    private byte[][] _all = [];
    private byte[][] _book = [];
    private IMarketDataProtocol _protocol = null!;
    private CountingSink _sink = null!;
    private IMarketDataProtocol _bookProtocol = null!;
    private CountingSink _bookSink = null!;
    private IMarketDataProtocol _decodeProtocol = null!;
    private CountingSink _nullSink = null!;
    private readonly DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    [GlobalSetup]
    public void Setup()
    {
        _all = [.. RecordedFrames.Load()];
        _book = [.. _all.Where(f => Encoding.UTF8.GetString(f).StartsWith("{\"type\":\"l2_updates\"", StringComparison.Ordinal))];
        if (_all.Length != AllFrames || _book.Length != BookFrames)
        {
            throw new InvalidOperationException($"recording changed: {_all.Length} frames, {_book.Length} book frames");
        }

        (_protocol, _sink) = Create(trades: true);
        (_bookProtocol, _bookSink) = Create(trades: false);
        Decode(_protocol, _sink, _all);
        Decode(_bookProtocol, _bookSink, _book);
        (_decodeProtocol, _nullSink) = Create(trades: false, apply: false);
        Decode(_decodeProtocol, _nullSink, _book);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = AllFrames)]
    [BenchmarkCategory("all frames")]
    public long ReaderWalk_AllFrames() => Walk(_all);

    [Benchmark(OperationsPerInvoke = AllFrames)]
    [BenchmarkCategory("all frames")]
    public long DecodeApply_AllFrames() => Decode(_protocol, _sink, _all);

    [Benchmark(Baseline = true, OperationsPerInvoke = BookFrames)]
    [BenchmarkCategory("l2 frames, book only")]
    public long ReaderWalk_BookFrames() => Walk(_book);

    [Benchmark(OperationsPerInvoke = BookFrames)]
    [BenchmarkCategory("l2 frames, book only")]
    public long DecodeApply_BookFrames() => Decode(_bookProtocol, _bookSink, _book);

    [Benchmark(OperationsPerInvoke = BookFrames)]
    [BenchmarkCategory("l2 frames, book only")]
    public long DecodeOnly_BookFrames() => Decode(_decodeProtocol, _nullSink, _book);

    private static (IMarketDataProtocol, CountingSink) Create(bool trades, bool apply = true)
    {
        var context = new VenueContext
        {
            Venue = "gemini",
            Rest = new RecordingSymbolsRest(),
            LoggerFactory = NullLoggerFactory.Instance,
            Settings = new Dictionary<string, string> { ["api"] = "v2" },
        };
        var venue = new GeminiPlugin().CreateVenue(context);
        var protocol = venue.CreateProtocol(ConnectionKind.Public);
        protocol.ResolveEndpointAsync().AsTask().GetAwaiter().GetResult();
        protocol.OnConnected();
        var symbols = RecordingSymbolsRest.Symbols.Select(s => new Symbol(s.Base, s.Quote)).ToArray();
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), symbols));
        if (trades)
        {
            protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, symbols));
        }

        return (protocol, new CountingSink(apply ? new BookManager("gemini", venue.Capabilities.BookRules) : null));
    }

    private static long Walk(byte[][] frames)
    {
        long tokens = 0;
        foreach (var frame in frames)
        {
            var reader = new Utf8JsonReader(frame);
            while (reader.Read())
            {
                tokens += reader.ValueSpan.Length;
            }
        }

        return tokens;
    }

    private long Decode(IMarketDataProtocol protocol, CountingSink sink, byte[][] frames)
    {
        foreach (var frame in frames)
        {
            protocol.Decode(frame, _now, sink);
        }

        return sink.Count;
    }
}
