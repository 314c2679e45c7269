using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Benchmarks.Kraken;

/// <summary>
/// The checksum's share of the Kraken path alone, on the recorded frames decoded once up front: each frame's
/// levels applied to a depth-10 book and truncated, then (in <see cref="ApplyAndChecksum"/>) the checksum
/// computed from the frame's changes as the manager does. The difference of the two is what verification
/// costs per frame. Run: dotnet run -c Release --project tests/Fluxum.Benchmarks -- --filter '*KrakenChecksum*' --job short
/// </summary>
[MemoryDiagnoser]
public class KrakenChecksumBenchmarks
{
    private (Symbol Symbol, bool Snapshot, LevelChange[] Changes, uint Checksum)[] _frames = [];
    private OrderBook _btc = null!;
    private OrderBook _eth = null!;
    private KrakenChecksum _checksum = null!;
    private BookManager _manager = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "kraken_v2_flashbook_live-btc-eth_2026-07-07.jsonl");
        var frames = new List<(Symbol, bool, LevelChange[], uint)>();
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var text = doc.RootElement.GetProperty("frame").GetString()!;
            if (!text.StartsWith("{\"channel\":\"book\"", StringComparison.Ordinal))
            {
                continue;
            }

            using var frame = JsonDocument.Parse(text);
            var snapshot = frame.RootElement.GetProperty("type").GetString() == "snapshot";
            foreach (var data in frame.RootElement.GetProperty("data").EnumerateArray())
            {
                var changes = new List<LevelChange>();
                foreach (var (name, side) in new[] { ("bids", BookSide.Bid), ("asks", BookSide.Ask) })
                {
                    foreach (var level in data.GetProperty(name).EnumerateArray())
                    {
                        changes.Add(new LevelChange(side, level.GetProperty("price").GetDecimal(), level.GetProperty("qty").GetDecimal()));
                    }
                }

                frames.Add((Symbol.Parse(data.GetProperty("symbol").GetString()!), snapshot, changes.ToArray(), data.GetProperty("checksum").GetUInt32()));
            }
        }

        _frames = [.. frames];
        var instruments = new InstrumentTable();
        instruments.Set(Symbol.Parse("BTC/USD"), new Precision(1, 8));
        instruments.Set(Symbol.Parse("ETH/USD"), new Precision(2, 8));
        _checksum = new KrakenChecksum(instruments);
        _btc = new OrderBook(Symbol.Parse("BTC/USD"), 10);
        _eth = new OrderBook(Symbol.Parse("ETH/USD"), 10);
        _manager = new BookManager("kraken", new BookRules { Checksum = new KrakenChecksum(instruments), TruncateToSubscribedDepth = true, CheckCrossed = true });
        _manager.Track(_btc.Symbol, 10);
        _manager.Track(_eth.Symbol, 10);
        if (ApplyAndChecksum() != _frames.Length || ManagerWithChecksum() != _frames.Length)
        {
            throw new InvalidOperationException("the recording must verify before it is measured");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KrakenBookBenchmarks.Frames)]
    public int ApplyOnly()
    {
        var applied = 0;
        foreach (var (symbol, snapshot, changes, _) in _frames)
        {
            Apply(symbol, snapshot, changes);
            applied++;
        }

        return applied;
    }

    [Benchmark(OperationsPerInvoke = KrakenBookBenchmarks.Frames)]
    public int ApplyAndChecksum()
    {
        var verified = 0;
        foreach (var (symbol, snapshot, changes, expected) in _frames)
        {
            var book = Apply(symbol, snapshot, changes);
            var local = _checksum.Compute(book.View, snapshot ? default : changes, default);
            verified += local == expected ? 1 : 0;
        }

        return verified;
    }

    /// <summary>The same frames through a <see cref="BookManager"/> with the Kraken rules (validation, truncation, checksum).</summary>
    [Benchmark(OperationsPerInvoke = KrakenBookBenchmarks.Frames)]
    public int ManagerWithChecksum()
    {
        var applied = 0;
        var now = DateTimeOffset.UnixEpoch;
        foreach (var (symbol, snapshot, changes, expected) in _frames)
        {
            var result = _manager.Apply(new BookFrame(symbol, snapshot, changes, now) { Checksum = expected, ExchangeTime = now });
            applied += result is BookFrameResult.Applied or BookFrameResult.Snapshot ? 1 : 0;
        }

        return applied;
    }

    private OrderBook Apply(Symbol symbol, bool snapshot, LevelChange[] changes)
    {
        var book = symbol == _btc.Symbol ? _btc : _eth;
        if (snapshot)
        {
            book.ApplySnapshot(changes);
            return book;
        }

        foreach (var change in changes)
        {
            book.Apply(change);
        }

        book.Truncate();
        return book;
    }
}
