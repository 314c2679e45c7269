using BenchmarkDotNet.Attributes;
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
