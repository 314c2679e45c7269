using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Books.Tests;

/// <summary>
/// Issue #10 (fuzz): a lost first snapshot was never asked for again, because <see cref="BookManager.MarkStale"/>
/// did nothing for a book already stale or never snapshotted. Requests are bounded: one outstanding per symbol,
/// retried after <see cref="BookRules.ResyncTimeout"/>.
/// </summary>
public sealed class BookManagerResyncRetryTests
{
    private static readonly Symbol Btc = BookHarness.Btc;

    [Fact]
    public void MarkStale_BookNeverSnapshotted_ResyncRequested()
    {
        var h = new BookHarness();

        h.Books.MarkStale(Btc, "its first snapshot was damaged", requestResync: true);

        Assert.Equal([Btc], h.Resyncs.Select(r => r.Symbol));
        Assert.Null(h.Books.Top(Btc));
        Assert.True(h.Books.IsStale(Btc));
    }

    [Fact]
    public void MarkStale_AlreadyStale_OneOutstandingRequestRetriedAfterTimeoutUntilASnapshotComes()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());
        h.Books.MarkStale(Btc, "first damage", requestResync: true);
        Assert.Single(h.Resyncs);

        // Further damage while the request is outstanding: no storm.
        for (var i = 0; i < 50; i++)
        {
            h.Clock.AdvanceMs(100);
            h.Books.MarkStale(Btc, "more damage", requestResync: true);
        }

        Assert.Single(h.Resyncs);

        // Unanswered for ResyncTimeout: asked again, once per timeout.
        h.Clock.Advance(BookRules.Default.ResyncTimeout - TimeSpan.FromSeconds(5));
        Assert.Equal(2, h.Resyncs.Count);
        h.Clock.Advance(BookRules.Default.ResyncTimeout);
        Assert.Equal(3, h.Resyncs.Count);

        // The snapshot answers it: no more retries.
        h.Apply(BookHarness.StandardSnapshot());
        h.Clock.Advance(BookRules.Default.ResyncTimeout * 3);
        Assert.Equal(3, h.Resyncs.Count);
        Assert.False(h.Books.IsStale(Btc));
        Assert.Equal(3, h.Books.Counters.ResyncRequests);
    }

    [Fact]
    public void MarkStale_WithoutResync_OutstandingRequestIsVoidAndNotRetried()
    {
        var h = new BookHarness();
        h.Books.MarkStale(Btc, "damaged first snapshot", requestResync: true);
        Assert.Single(h.Resyncs);

        // The connection went: the new one's subscription brings the snapshot.
        h.Books.MarkAllStale("connection lost");
        h.Clock.Advance(BookRules.Default.ResyncTimeout * 2);

        Assert.Single(h.Resyncs);
    }

    [Fact]
    public void MarkAllStale_WithResync_EveryBookAsksOnce()
    {
        var eth = new Symbol("ETH", "USD");
        var h = new BookHarness(null, null, Btc, eth);
        h.Apply(BookHarness.StandardSnapshot());

        h.Books.MarkAllStale("a frame of unknown symbol was lost", requestResync: true);
        h.Books.MarkAllStale("another one", requestResync: true);

        Assert.Equal([Btc, eth], h.Resyncs.Select(r => r.Symbol).Order());
        Assert.Single(h.Quality, q => q.Kind == DataQualityKind.Stale && q.Symbol == Btc);
    }
}
