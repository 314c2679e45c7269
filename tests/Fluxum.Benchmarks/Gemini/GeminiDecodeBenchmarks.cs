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
    private const int BookUpdates = 645;
    private byte[][] _all = [];
    private byte[][] _updates = [];
    private IMarketDataProtocol _protocol = null!;
    private CountingSink _sink = null!;
    private readonly DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    [GlobalSetup]
    public void Setup()
    {
        _all = [.. RecordedFrames.Load()];
        _updates = [.. _all.Where(f => Encoding.UTF8.GetString(f).StartsWith("{\"type\":\"l2_updates\"", StringComparison.Ordinal) && !Encoding.UTF8.GetString(f).Contains("\"trades\"", StringComparison.Ordinal))];
        if (_all.Length != AllFrames || _updates.Length != BookUpdates)
        {
            throw new InvalidOperationException($"recording changed: {_all.Length} frames, {_updates.Length} book updates");
        }

        var context = new VenueContext
        {
            Venue = "gemini",
            Rest = new RecordingSymbolsRest(),
            LoggerFactory = NullLoggerFactory.Instance,
            Settings = new Dictionary<string, string> { ["api"] = "v2" },
        };
        _protocol = new GeminiPlugin().CreateProtocol(context, ConnectionKind.Public);
        _protocol.ResolveEndpointAsync().AsTask().GetAwaiter().GetResult();
        _protocol.OnConnected();
        var symbols = RecordingSymbolsRest.Symbols.Select(s => new Symbol(s.Base, s.Quote)).ToArray();
        _protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), symbols));
        _protocol.EncodeSubscribe(new Subscription(MarketChannel.Trades, symbols));
        _sink = new CountingSink(new BookManager("gemini", _protocol.BookRules));
        foreach (var frame in _all)
        {
            _protocol.Decode(frame, _now, _sink);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = AllFrames)]
    [BenchmarkCategory("all frames")]
    public long ReaderWalk_AllFrames() => Walk(_all);

    [Benchmark(OperationsPerInvoke = AllFrames)]
    [BenchmarkCategory("all frames")]
    public long DecodeApply_AllFrames() => Decode(_all);

    [Benchmark(Baseline = true, OperationsPerInvoke = BookUpdates)]
    [BenchmarkCategory("book updates")]
    public long ReaderWalk_BookUpdates() => Walk(_updates);

    [Benchmark(OperationsPerInvoke = BookUpdates)]
    [BenchmarkCategory("book updates")]
    public long DecodeApply_BookUpdates() => Decode(_updates);

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

    private long Decode(byte[][] frames)
    {
        foreach (var frame in frames)
        {
            _protocol.Decode(frame, _now, _sink);
        }

        return _sink.Count;
    }
}
