using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerSymbolsTests
{
    private static readonly Symbol[] Many = [.. Enumerable.Range(0, 40).Select(i => new Symbol($"C{i}", "USD"))];

    [Fact]
    public void Apply_ManySymbolsOneFails_OnlyThatSymbolIsStale()
    {
        var h = new BookHarness(new BookRules { Sequence = SequenceRule.Contiguous }, depth: 10, Many);
        foreach (var symbol in Many)
        {
            h.Apply(BookHarness.StandardSnapshot(symbol).Sequence(100));
        }

        for (var id = 101; id <= 105; id++)
        {
            foreach (var symbol in Many)
            {
                var next = symbol == Many[7] && id == 103 ? id + 1 : id;
                h.Apply(TestEvents.UpdateFrame(symbol).Bid(100m, id).Sequence(next));
            }
        }

        Assert.All(h.Quality, q => Assert.Equal(Many[7], q.Symbol));
        Assert.Equal([DataQualityKind.Gap, DataQualityKind.Stale], h.Kinds);
        Assert.Equal(Many[7], Assert.Single(h.Resyncs).Symbol);
        Assert.Null(h.Books.Top(Many[7]));
        foreach (var symbol in Many.Where(s => s != Many[7]))
        {
            Assert.False(h.Books.IsStale(symbol));
            Assert.Equal(105m, h.Books.Top(symbol)!.Value.Bid.Size);
        }

        Assert.Equal(Many.Length, h.Books.Symbols.Count);
    }

    [Fact]
    public void MarkAllStale_ThenOneSnapshot_OnlyThatOneIsGood()
    {
        var h = new BookHarness(null, null, Many[0], Many[1]);
        h.Apply(BookHarness.StandardSnapshot(Many[0]));
        h.Apply(BookHarness.StandardSnapshot(Many[1]));

        h.Books.MarkAllStale("connection lost");
        h.Apply(BookHarness.StandardSnapshot(Many[1]));

        Assert.True(h.Books.IsStale(Many[0]));
        Assert.False(h.Books.IsStale(Many[1]));
        Assert.Equal(2, h.Quality.Count(q => q.Kind == DataQualityKind.Stale));
    }

    [Fact]
    public void Track_AgainWithSameDepth_KeepsTheGoodBook()
    {
        var h = new BookHarness(depth: 5);
        h.Apply(BookHarness.StandardSnapshot());

        h.Books.Track(BookHarness.Btc, 5);

        Assert.False(h.Books.IsStale(BookHarness.Btc));
        Assert.Empty(h.Quality);
    }

    [Fact]
    public void Track_AgainWithOtherDepth_ReplacesBookAndWaitsForSnapshot()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        h.Books.Track(BookHarness.Btc, 1);

        Assert.True(h.Books.IsStale(BookHarness.Btc));
        Assert.Equal(DataQualityKind.Stale, Assert.Single(h.Quality).Kind);
        h.Apply(BookHarness.StandardSnapshot());
        Assert.Single(h.Books.Snapshot(BookHarness.Btc)!.Bids);
    }

    [Fact]
    public void Track_AfterFramesForUntrackedSymbol_UsesSubscribedDepth()
    {
        var h = new BookHarness(null, null, Many[0]);
        var late = Many[1];
        h.Apply(TestEvents.UpdateFrame(late).Bid(1m, 1m));

        h.Books.Track(late, 2);
        h.Apply(BookHarness.StandardSnapshot(late));

        Assert.Equal(2, h.Books.Snapshot(late)!.Bids.Count);
    }

    [Fact]
    public async Task Untrack_EndsChangeStreamsAndForgetsBook()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());
        await using var changes = h.Books.Changes(BookHarness.Btc).GetAsyncEnumerator();
        Assert.True(await changes.MoveNextAsync());

        h.Books.Untrack(BookHarness.Btc);

        Assert.False(await changes.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(h.Books.Snapshot(BookHarness.Btc));
        Assert.Empty(h.Books.Symbols);
    }
}
