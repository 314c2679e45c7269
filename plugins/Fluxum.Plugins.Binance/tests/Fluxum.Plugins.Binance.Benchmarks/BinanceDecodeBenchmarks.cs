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

namespace Fluxum.Plugins.Binance.Benchmarks;

/// <summary>
/// Binance Spot <c>@depth@100ms</c> diffs from a combined stream: a bare <see cref="Utf8JsonReader"/> walk of the same
/// bytes (baseline) against the plugin's decode plus <see cref="BookManager.Apply"/> (contiguous update ids checked,
/// crossed books checked) on books holding a 100-level snapshot. Update ids only increase, so each invocation takes the
/// next <see cref="Frames"/> diffs of a long chain, and the books are set back to their snapshots when it wraps (once per
/// <see cref="Pool"/> / <see cref="Frames"/> invocations). Per frame.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BinanceDecodeBenchmarks
{
    private const int Frames = 1000;
    private const int Pool = 30_000;
    private BinanceFrames _frames = null!;
    private byte[][] _diffs = [];
    private IMarketDataProtocol _protocol = null!;
    private CountingFrameSink _sink = null!;
    private BookManager _books = null!;
    private IMarketDataProtocol _decodeProtocol = null!;
    private CountingFrameSink _decodeSink = null!;
    private int _applyAt;
    private int _decodeAt;
    private int _walkAt;
    private readonly DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    [GlobalSetup]
    public void Setup()
    {
        _frames = BinanceFrames.Create(Pool, 100);
        _diffs = [.. _frames.Diffs];
        (_protocol, _sink) = Create(apply: true);
        (_decodeProtocol, _decodeSink) = Create(apply: false);
        _books = _sink.BookManager!;
        Reset();

        // One whole pass before measuring, which also proves every diff decodes and chains onto its book.
        for (var i = 0; i < Pool / Frames; i++)
        {
            DecodeApply();
            DecodeOnly();
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    [BenchmarkCategory("depthUpdate diffs")]
    public long ReaderWalk()
    {
        long tokens = 0;
        foreach (var frame in Next(ref _walkAt))
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
    [BenchmarkCategory("depthUpdate diffs")]
    public long DecodeApply()
    {
        if (_applyAt == 0)
        {
            Reset();
        }

        foreach (var frame in Next(ref _applyAt))
        {
            _protocol.Decode(frame, _now, _sink);
        }

        return _sink.Count;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    [BenchmarkCategory("depthUpdate diffs")]
    public long DecodeOnly()
    {
        foreach (var frame in Next(ref _decodeAt))
        {
            _decodeProtocol.Decode(frame, _now, _decodeSink);
        }

        return _decodeSink.Count;
    }

    private ReadOnlySpan<byte[]> Next(ref int at)
    {
        var frames = _diffs.AsSpan(at, Frames);
        at = (at + Frames) % Pool;
        return frames;
    }

    private void Reset()
    {
        foreach (var (name, (levels, lastUpdateId)) in _frames.Snapshots)
        {
            var symbol = new Symbol(name[..^4], "USDT");
            var result = _books.Apply(new BookFrame(symbol, isSnapshot: true, levels, _now) { LastSequence = lastUpdateId });
            if (result is BookFrameResult.Failed or BookFrameResult.Discarded)
            {
                throw new InvalidOperationException($"the snapshot of {symbol} was not applied: {result}");
            }
        }
    }

    private static (IMarketDataProtocol, CountingFrameSink) Create(bool apply)
    {
        var context = new VenueContext
        {
            Venue = "binance",
            Rest = new LoopbackRestTransport(),
            LoggerFactory = NullLoggerFactory.Instance,
        };
        var venue = new BinancePlugin().CreateVenue(context);
        var protocol = venue.CreateProtocol(ConnectionKind.Public);
        protocol.OnConnected();
        return (protocol, new CountingFrameSink(apply ? new BookManager("binance", venue.Capabilities.BookRules) : null));
    }
}
