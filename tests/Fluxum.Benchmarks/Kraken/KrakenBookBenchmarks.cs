using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fluxum.Host.MarketData;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Benchmarks.Kraken;

/// <summary>
/// The real recorded Kraken v2 book frames (2 snapshots + 2,960 updates), per frame:
/// (a) a bare Utf8JsonReader walk over the bytes, (b) decode + normalize + BookManager.Apply + CRC32
/// checksum verification. Run: dotnet run -c Release --project tests/Fluxum.Benchmarks -- --filter '*Kraken*' --job short
/// </summary>
[MemoryDiagnoser]
public class KrakenBookBenchmarks
{
    private byte[][] _frames = [];
    private KrakenProtocol _protocol = null!;
    private ApplyingSink _sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "kraken_v2_flashbook_live-btc-eth_2026-07-07.jsonl");
        var frames = new List<byte[]>();
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var frame = doc.RootElement.GetProperty("frame").GetString()!;
            if (frame.StartsWith("{\"channel\":\"book\"", StringComparison.Ordinal))
            {
                frames.Add(System.Text.Encoding.UTF8.GetBytes(frame));
            }
        }

        _frames = [.. frames];
        var instruments = new InstrumentTable();
        instruments.Set(Symbol.Parse("BTC/USD"), new Precision(1, 8));
        instruments.Set(Symbol.Parse("ETH/USD"), new Precision(2, 8));
        var context = new VenueContext { Venue = "kraken", Rest = new NoRest(), LoggerFactory = NullLoggerFactory.Instance };
        _protocol = new KrakenProtocol(context, ConnectionKind.Public, null, instruments);
        var books = new BookManager("kraken", Fluxum.Plugins.Kraken.KrakenVenue.Rules(_protocol.Checksum));
        books.Track(Symbol.Parse("BTC/USD"), 10);
        books.Track(Symbol.Parse("ETH/USD"), 10);
        _sink = new ApplyingSink(books);
        var plain = new BookManager("kraken", Fluxum.Plugins.Kraken.KrakenVenue.Rules(_protocol.Checksum) with { Checksum = null });
        plain.Track(Symbol.Parse("BTC/USD"), 10);
        plain.Track(Symbol.Parse("ETH/USD"), 10);
        _plainSink = new ApplyingSink(plain);
        var hostBooks = new BookManager("kraken", Fluxum.Plugins.Kraken.KrakenVenue.Rules(_protocol.Checksum));
        hostBooks.Track(Symbol.Parse("BTC/USD"), 10);
        hostBooks.Track(Symbol.Parse("ETH/USD"), 10);
        _hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        _feed = _hub.AddVenue("kraken", hostBooks);
        HostPath();
        if (hostBooks.Counters.ChecksumFailures != 0 || _feed.Counters.MalformedFrames != 0)
        {
            throw new InvalidOperationException("the host path must verify the recording before it is measured");
        }

        FullPath();
        if (books.Counters.ChecksumFailures != 0 || _sink.Malformed != 0)
        {
            throw new InvalidOperationException("the recording must verify before it is measured");
        }
    }

    /// <summary>Frames per invocation, for per-frame numbers.</summary>
    public const int Frames = 2962;

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public int ReaderWalk()
    {
        var tokens = 0;
        foreach (var frame in _frames)
        {
            var reader = new Utf8JsonReader(frame);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int FullPath()
    {
        var now = DateTimeOffset.UnixEpoch;
        foreach (var frame in _frames)
        {
            _protocol.Decode(frame, now, _sink);
        }

        return _sink.Applied;
    }

    /// <summary>
    /// The host's own path for the same frames: VenueFeed.Process hands the decoder a DecodeBuffer, then applies what it
    /// filled to the book manager (decode fills and returns), as a live session does; no subscribers attached.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Frames)]
    public long HostPath()
    {
        var now = DateTimeOffset.UnixEpoch;
        foreach (var frame in _frames)
        {
            _feed.Process(_protocol, frame, now, _feed, record: false);
        }

        return _feed.Counters.Frames;
    }

    private MarketDataHub _hub = null!;
    private VenueFeed _feed = null!;

    [Benchmark(OperationsPerInvoke = Frames)]
    public int DecodeOnly()
    {
        var now = DateTimeOffset.UnixEpoch;
        foreach (var frame in _frames)
        {
            _protocol.Decode(frame, now, _nullSink);
        }

        return _nullSink.Malformed;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int DecodeApplyNoChecksum()
    {
        var now = DateTimeOffset.UnixEpoch;
        foreach (var frame in _frames)
        {
            _protocol.Decode(frame, now, _plainSink);
        }

        return _plainSink.Applied;
    }

    private readonly ApplyingSink _nullSink = new(null);
    private ApplyingSink _plainSink = null!;

    private sealed class ApplyingSink(BookManager? books) : IFrameSink
    {
        public int Applied { get; private set; }

        public int Malformed { get; private set; }

        public void Publish(MarketEvent marketEvent)
        {
        }

        public void Book(in BookFrame frame)
        {
            if (books is null)
            {
                Applied++;
                return;
            }

            if (books.Apply(frame) is BookFrameResult.Applied or BookFrameResult.Snapshot)
            {
                Applied++;
            }
        }

        void IFrameSink.Malformed(string reason, ReadOnlySpan<byte> frame) => Malformed++;

        void IFrameSink.BookMalformed(Fluxum.Sdk.Symbol symbol, string reason, ReadOnlySpan<byte> frame) => Malformed++;
    }

    private sealed class NoRest : IRestTransport
    {
        public Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("no REST in the benchmark");
    }
}
