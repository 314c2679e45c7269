using BenchmarkDotNet.Attributes;
using Fluxum.Benchmarks.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Benchmarks.Scale;

/// <summary>
/// Many books held at once (issue 16): <see cref="Books"/> books of <see cref="Depth"/> levels a side, and a stream of
/// level changes spread uniformly over every book (so the cache misses of a large working set show), 80 % size changes
/// and 20 % a level removed and re-added (two changes), landing either uniformly over every level of the book
/// (<see cref="Spread.Uniform"/>, the worst case for a sorted array) or as a live feed's do (<see cref="Spread.TopHeavy"/>:
/// 90 % among the best ten levels, 10 % anywhere). Time per applied change.
/// The memory the books hold is measured by <see cref="BookScaleMemory"/> (`-- scale-memory`), not here.
/// </summary>
[MemoryDiagnoser]
public class BookScaleBenchmarks
{
    private const int Updates = 200_000;
    private OrderBook[] _books = null!;
    private LevelChange[] _updates = null!;
    private int[] _bookOf = null!;

    /// <summary>How many books are held.</summary>
    [Params(1, 100, 1_000)]
    public int Books { get; set; }

    /// <summary>Levels a side of each book; the changes land uniformly over them.</summary>
    [Params(10, 1_000)]
    public int Depth { get; set; }

    /// <summary>Where in a book the changes land.</summary>
    public enum Spread
    {
        /// <summary>Uniformly over every level of the book.</summary>
        Uniform,

        /// <summary>90 % among the best ten levels, 10 % uniformly over all of them.</summary>
        TopHeavy,
    }

    /// <summary>Where in each book the changes land.</summary>
    [Params(Spread.Uniform, Spread.TopHeavy)]
    public Spread Where { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _books = BookScaleMemory.Build(Books, Depth);
        var random = new Random(42);
        _updates = new LevelChange[Updates];
        _bookOf = new int[Updates];
        var n = 0;
        while (n < Updates)
        {
            var book = random.Next(Books);
            var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
            var level = Where == Spread.TopHeavy && random.Next(100) < 90 ? random.Next(Math.Min(10, Depth)) : random.Next(Depth);
            var price = LevelStream.PriceAt(side, level);
            if (random.Next(100) < 80 || n + 2 > Updates)
            {
                _bookOf[n] = book;
                _updates[n++] = new LevelChange(side, price, random.Next(1, 100_000) / 10_000m);
                continue;
            }

            _bookOf[n] = book;
            _updates[n++] = new LevelChange(side, price, 0m);
            _bookOf[n] = book;
            _updates[n++] = new LevelChange(side, price, random.Next(1, 100_000) / 10_000m);
        }
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public int ApplySpreadOverBooks()
    {
        var books = _books;
        var updates = _updates;
        var bookOf = _bookOf;
        var applied = 0;
        for (var i = 0; i < updates.Length; i++)
        {
            if (books[bookOf[i]].Apply(in updates[i]) is not null)
            {
                applied++;
            }
        }

        return applied;
    }
}
