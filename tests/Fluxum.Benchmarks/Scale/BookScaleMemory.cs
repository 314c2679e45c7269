using System.Globalization;
using Fluxum.Benchmarks.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Benchmarks.Scale;

/// <summary>
/// The managed memory books hold (issue 16: 1,000 books of depth 1,000 in under 500 MB): the heap after a full
/// collection, before and after building the books from their snapshots and putting each through a round of
/// updates (so the side arrays have grown as a live book's do), divided by the number of books.
/// </summary>
internal static class BookScaleMemory
{
    /// <summary><paramref name="count"/> books of <paramref name="depth"/> levels a side, prices 0.01 apart, sizes of eight decimals.</summary>
    public static OrderBook[] Build(int count, int depth)
    {
        var snapshot = new LevelChange[depth * 2];
        for (var i = 0; i < depth; i++)
        {
            snapshot[2 * i] = new LevelChange(BookSide.Bid, LevelStream.PriceAt(BookSide.Bid, i), 1.12345678m + (i % 7));
            snapshot[(2 * i) + 1] = new LevelChange(BookSide.Ask, LevelStream.PriceAt(BookSide.Ask, i), 2.12345678m + (i % 5));
        }

        var books = new OrderBook[count];
        for (var b = 0; b < count; b++)
        {
            books[b] = new OrderBook(new Symbol("B" + b.ToString(CultureInfo.InvariantCulture), "USD"));
            books[b].ApplySnapshot(snapshot);
        }

        return books;
    }

    /// <summary>Measures <paramref name="counts"/> × <paramref name="depths"/> and writes one line each to <paramref name="output"/>.</summary>
    public static IReadOnlyList<(int Books, int Depth, long Bytes)> Measure(IEnumerable<int> counts, IEnumerable<int> depths, TextWriter output)
    {
        var results = new List<(int, int, long)>();
        foreach (var depth in depths)
        {
            foreach (var count in counts)
            {
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var books = Build(count, depth);
                var random = new Random(7);
                foreach (var book in books)
                {
                    for (var i = 0; i < 20; i++)
                    {
                        var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
                        book.Apply(new LevelChange(side, LevelStream.PriceAt(side, random.Next(depth)), random.Next(1, 100_000) / 10_000m));
                    }
                }

                var after = GC.GetTotalMemory(forceFullCollection: true);
                GC.KeepAlive(books);
                var bytes = after - before;
                results.Add((count, depth, bytes));
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{count,5} books x depth {depth,5}: {bytes / 1_048_576.0,9:F1} MB held, {bytes / (double)count / 1024,8:F1} KB per book, {bytes / (double)count / (2 * depth),6:F1} B per level"));
            }
        }

        return results;
    }
}
