using Fluxum.Sdk.Books;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerChangesTests
{
    private static readonly Symbol Btc = BookHarness.Btc;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Changes_SnapshotThenUpdates_DeliversEachStateInOrder()
    {
        var h = new BookHarness();
        await using var changes = h.Books.Changes(Btc).GetAsyncEnumerator();
        var first = changes.MoveNextAsync().AsTask();
        Assert.False(first.IsCompleted);

        h.Apply(BookHarness.StandardSnapshot());
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m));

        Assert.True(await first.WaitAsync(Timeout));
        Assert.Equal(1m, changes.Current.BestBid!.Value.Size);
        Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(2m, changes.Current.BestBid!.Value.Size);
        Assert.False(changes.Current.IsStale);
    }

    [Fact]
    public async Task Changes_SubscribedAfterSnapshot_StartsWithCurrentBook()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        await using var changes = h.Books.Changes(Btc).GetAsyncEnumerator();

        Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(100m, changes.Current.BestBid!.Value.Price);
    }

    [Fact]
    public async Task Changes_BookFails_DeliversStaleFlaggedSnapshotThenGoodOne()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());
        await using var changes = h.Books.Changes(Btc).GetAsyncEnumerator();
        Assert.True(await changes.MoveNextAsync());

        h.Apply(TestEvents.UpdateFrame().Bid(105m, 1m));
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 3m));
        h.Apply(BookHarness.StandardSnapshot());

        Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.True(changes.Current.IsStale);
        Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.False(changes.Current.IsStale);
        Assert.Equal(100m, changes.Current.BestBid!.Value.Price);
    }

    [Fact]
    public async Task Changes_SlowConsumer_SkipsOldStatesCountsThemAndEndsOnNewest()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());
        await using var changes = h.Books.Changes(Btc).GetAsyncEnumerator();
        Assert.True(await changes.MoveNextAsync());

        for (var i = 1; i <= 100; i++)
        {
            h.Apply(TestEvents.UpdateFrame().Bid(100m, i));
        }

        var seen = new List<decimal>();
        while (seen.Count == 0 || seen[^1] != 100m)
        {
            Assert.True(await changes.MoveNextAsync().AsTask().WaitAsync(Timeout));
            seen.Add(changes.Current.BestBid!.Value.Size);
        }

        Assert.True(seen.Count < 100);
        Assert.Equal(100 - seen.Count, h.Books.Counters.DroppedChanges);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public async Task Changes_Cancelled_StopsTheStream()
    {
        var h = new BookHarness();
        using var cancel = new CancellationTokenSource();
        await using var changes = h.Books.Changes(Btc, cancel.Token).GetAsyncEnumerator();
        var next = changes.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Timeout));
    }
}
