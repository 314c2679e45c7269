using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Time;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Sdk.Books.Tests;

/// <summary>A book manager on a fake clock, with every event it raises recorded.</summary>
internal sealed class BookHarness
{
    public BookHarness(BookRules? rules = null, int? depth = null, params Symbol[] symbols)
    {
        Clock = TestClock.Create();
        Books = new BookManager("test", rules ?? BookRules.Default, Clock);
        Books.Quality += e => Quality.Add(e);
        Books.ResyncRequested += (s, reason) => Resyncs.Add((s, reason));
        foreach (var symbol in symbols.Length == 0 ? [TestEvents.Symbol] : symbols)
        {
            Books.Track(symbol, depth);
        }
    }

    public static Symbol Btc => TestEvents.Symbol;

    public FakeTimeProvider Clock { get; }

    public BookManager Books { get; }

    public List<DataQualityEvent> Quality { get; } = [];

    public List<(Symbol Symbol, string Reason)> Resyncs { get; } = [];

    public IEnumerable<DataQualityKind> Kinds => Quality.Select(q => q.Kind);

    /// <summary>A snapshot frame: bids 100 × 1, 99 × 2, 98 × 3; asks 101 × 1, 102 × 2, 103 × 3.</summary>
    public static BookFrameBuilder StandardSnapshot(Symbol? symbol = null) => TestEvents.SnapshotFrame(symbol)
        .Bid(100m, 1m).Bid(99m, 2m).Bid(98m, 3m)
        .Ask(101m, 1m).Ask(102m, 2m).Ask(103m, 3m);

    public static (decimal Price, decimal Size)[] Side(BookSideView view)
    {
        var result = new (decimal, decimal)[view.Count];
        for (var i = 0; i < view.Count; i++)
        {
            result[i] = (view[i].Price, view[i].Size);
        }

        return result;
    }

    public static (decimal Price, decimal Size)[] Side(IReadOnlyList<BookLevel> levels) => [.. levels.Select(l => (l.Price, l.Size))];

    public BookFrameResult Apply(BookFrameBuilder frame) => frame.ApplyTo(Books);
}
