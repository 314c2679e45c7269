using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Sinks;
using Fluxum.Sdk.Testing.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Plugins.Coinbase.Benchmarks;

/// <summary>
/// Advanced Trade <c>l2_data</c> updates: a bare <see cref="Utf8JsonReader"/> walk of the same bytes (baseline) against
/// the plugin's decode plus <see cref="BookManager.Apply"/> on books holding a 100-level snapshot. Per frame.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CoinbaseDecodeBenchmarks
{
    private const int Frames = 600;
    private byte[][] _updates = [];
    private IMarketDataProtocol _protocol = null!;
    private CountingFrameSink _sink = null!;
    private IMarketDataProtocol _decodeProtocol = null!;
    private CountingFrameSink _decodeSink = null!;
    private readonly DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    [GlobalSetup]
    public void Setup()
    {
        var snapshots = CoinbaseFrames.Products.Select((p, i) => CoinbaseFrames.Snapshot(p, 100, i)).ToArray();
        _updates = [.. CoinbaseFrames.Updates(Frames, snapshots.Length)];
        (_protocol, _sink) = Create(apply: true);
        (_decodeProtocol, _decodeSink) = Create(apply: false);
        foreach (var snapshot in snapshots)
        {
            _protocol.Decode(snapshot, _now, _sink);
        }

        // One pass each before measuring, which also proves the frames decode and apply cleanly.
        Decode(_protocol, _sink);
        Decode(_decodeProtocol, _decodeSink);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    [BenchmarkCategory("l2_data updates")]
    public long ReaderWalk()
    {
        long tokens = 0;
        foreach (var frame in _updates)
        {
            var reader = new Utf8JsonReader(frame);
            while (reader.Read())
            {
                tokens += reader.ValueSpan.Length;
            }
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    [BenchmarkCategory("l2_data updates")]
    public long DecodeApply() => Decode(_protocol, _sink);

    [Benchmark(OperationsPerInvoke = Frames)]
    [BenchmarkCategory("l2_data updates")]
    public long DecodeOnly() => Decode(_decodeProtocol, _decodeSink);

    private static (IMarketDataProtocol, CountingFrameSink) Create(bool apply)
    {
        var context = new VenueContext
        {
            Venue = "coinbase",
            Rest = new LoopbackRestTransport(),
            LoggerFactory = NullLoggerFactory.Instance,
        };
        var venue = new CoinbasePlugin().CreateVenue(context);
        var protocol = venue.CreateProtocol(ConnectionKind.Public);
        protocol.OnConnected();
        var symbols = CoinbaseFrames.Products.Select(p => Symbol.Parse(p.Replace('-', '/'))).ToArray();
        protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(null), symbols));
        return (protocol, new CountingFrameSink(apply ? new BookManager("coinbase", venue.Capabilities.BookRules) : null));
    }

    private long Decode(IMarketDataProtocol protocol, CountingFrameSink sink)
    {
        foreach (var frame in _updates)
        {
            protocol.Decode(frame, _now, sink);
        }

        return sink.Count;
    }
}
