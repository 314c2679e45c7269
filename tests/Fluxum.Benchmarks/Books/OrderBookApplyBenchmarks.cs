using BenchmarkDotNet.Attributes;
using Fluxum.Benchmarks.Books.Baseline;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Benchmarks.Books;

/// <summary>
/// Applying level updates to a 1,000-level-per-side book, one change at a time, as the manager does per frame.
/// Time and allocation are per applied level update (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class OrderBookApplyBenchmarks
{
    private const int Updates = 100_000;
    private OrderBook _book = null!;
    private OriginalLevelArray _originalBids = null!;
    private OriginalLevelArray _originalAsks = null!;
    private LevelChange[] _updates = null!;

    /// <summary>Percent of events that remove and re-add a level below the top ten (each is two updates).</summary>
    [Params(0, 10)]
    public int DeepPercent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _book = new OrderBook(LevelStream.Symbol);
        _book.ApplySnapshot(LevelStream.Snapshot());
        _updates = LevelStream.Updates(Updates, DeepPercent);
        _originalBids = new OriginalLevelArray(isBid: true, 256);
        _originalAsks = new OriginalLevelArray(isBid: false, 256);
        foreach (var level in LevelStream.Snapshot())
        {
            (level.Side == BookSide.Bid ? _originalBids : _originalAsks).Set(level.Price, level.Size, level.OrderCount);
        }
    }

    /// <summary>The same stream on the first version of the engine's side array, for comparison.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    public int OriginalLevelArray()
    {
        var updates = _updates;
        var applied = 0;
        for (var i = 0; i < updates.Length; i++)
        {
            ref readonly var change = ref updates[i];
            var side = change.Side == BookSide.Bid ? _originalBids : _originalAsks;
            if (side.Set(change.Price, change.Size, change.OrderCount) is not null)
            {
                applied++;
            }
        }

        return applied;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public int ApplyLevelUpdate()
    {
        var book = _book;
        var updates = _updates;
        var applied = 0;
        for (var i = 0; i < updates.Length; i++)
        {
            if (book.Apply(in updates[i]) is not null)
            {
                applied++;
            }
        }

        return applied;
    }
}
