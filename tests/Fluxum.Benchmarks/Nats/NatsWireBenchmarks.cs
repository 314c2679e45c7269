using System.Buffers;
using BenchmarkDotNet.Attributes;
using Fluxum.Benchmarks.Books;
using Fluxum.Host.Configuration;
using Fluxum.Host.MarketData;
using Fluxum.Host.Publishing;
using Fluxum.Host.Relay;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Benchmarks.Nats;

/// <summary>
/// The NATS path without the network, per book message of four level changes on a 1,000-level book: the publisher's
/// serialization (<see cref="WireWriter"/>), and the relay's read and apply (<see cref="WireReader"/>, then
/// <see cref="RelaySource.Apply"/> into the hub's feed and the SDK's book manager, contiguous sequence rule). Each relay
/// invocation starts with one whole-book snapshot (2,000 levels), amortized over <see cref="Messages"/> updates.
/// </summary>
[MemoryDiagnoser]
public class NatsWireBenchmarks
{
    private const int FrameSize = 4;
    private const int Messages = 5_000;
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private Outgoing[] _updates = null!;
    private byte[] _snapshot = null!;
    private byte[][] _payloads = null!;

    [GlobalSetup]
    public void Setup()
    {
        var changes = LevelStream.Updates(Messages * FrameSize);
        var at = DateTimeOffset.UnixEpoch;
        _updates = new Outgoing[Messages];
        for (var i = 0; i < Messages; i++)
        {
            _updates[i] = new Outgoing { Kind = WireKind.Book, Venue = "kraken", Symbol = LevelStream.Symbol, Sequence = i + 1, Changes = changes.AsSpan(i * FrameSize, FrameSize).ToArray(), ReceivedAt = at };
        }

        var levels = LevelStream.Snapshot();
        var snapshot = new BookSnapshot
        {
            Venue = "kraken", Symbol = LevelStream.Symbol, ReceivedAt = at,
            Bids = [.. levels.Where(l => l.Side == BookSide.Bid).Select(l => new BookLevel(l.Price, l.Size))],
            Asks = [.. levels.Where(l => l.Side == BookSide.Ask).Select(l => new BookLevel(l.Price, l.Size))],
        };
        _snapshot = Serialize(new Outgoing { Kind = WireKind.Snapshot, Venue = "kraken", Symbol = LevelStream.Symbol, Sequence = 0, Snapshot = snapshot, ReceivedAt = at });
        _payloads = [.. _updates.Select(Serialize)];
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long Serialize()
    {
        var bytes = 0L;
        foreach (var update in _updates)
        {
            _output.ResetWrittenCount();
            WireWriter.Write(_output, update);
            bytes += _output.WrittenCount;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long RelayReadAndApply()
    {
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var feed = hub.AddVenue("kraken", new BookManager("kraken", RelaySource.Rules) { TrackedOnly = true });
        var relay = new RelaySource(new RelayConfig { Url = "nats://127.0.0.1:1", Stream = "S", SourceVenue = "kraken" }, feed, null, NullLoggerFactory.Instance);
        relay.Apply(WireReader.Read(_snapshot, "kraken"));
        foreach (var payload in _payloads)
        {
            relay.Apply(WireReader.Read(payload, "kraken"));
        }

        return feed.Books.Counters.Updates;
    }

    private static byte[] Serialize(Outgoing message)
    {
        var output = new ArrayBufferWriter<byte>();
        WireWriter.Write(output, message);
        return output.WrittenSpan.ToArray();
    }
}
