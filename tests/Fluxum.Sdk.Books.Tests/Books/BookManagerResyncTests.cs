using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerResyncTests
{
    private static readonly Symbol Btc = BookHarness.Btc;
    private static readonly BookRules Checked = new() { Checksum = TestChecksum.Instance, MinResyncInterval = TimeSpan.FromSeconds(1) };

    [Fact]
    public void Apply_CorrectChecksum_StaysGood()
    {
        var h = new BookHarness(Checked);
        var snapshot = BookHarness.StandardSnapshot();

        Assert.Equal(BookFrameResult.Snapshot, h.Apply(snapshot.Checksum(ChecksumOf(snapshot))));
        var update = TestEvents.UpdateFrame().Bid(100m, 2m);
        var after = BookHarness.StandardSnapshot().Bid(100m, 2m);
        Assert.Equal(BookFrameResult.Applied, h.Apply(update.Checksum(ChecksumOf(after))));

        Assert.Empty(h.Quality);
        Assert.Equal(0, h.Books.Counters.ChecksumFailures);
    }

    [Fact]
    public void Apply_ChecksumMismatch_StaleThenResyncThenGoodAgain()
    {
        var h = new BookHarness(Checked);
        h.Apply(BookHarness.StandardSnapshot());

        var result = h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m).Checksum(12345));

        Assert.Equal(BookFrameResult.Failed, result);
        Assert.Equal([DataQualityKind.ChecksumMismatch, DataQualityKind.Stale], h.Kinds);
        Assert.Contains("venue 12345", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.Equal(Btc, Assert.Single(h.Resyncs).Symbol);
        Assert.True(h.Books.IsStale(Btc));
        Assert.Null(h.Books.Top(Btc));
        Assert.Null(h.Books.Spread(Btc));
        Assert.Null(h.Books.Midpoint(Btc));
        Assert.True(h.Books.Snapshot(Btc)!.IsStale);
        Assert.True(h.Books.Levels(Btc, 1)!.IsStale);

        // While stale, updates are not applied and do not re-request.
        Assert.Equal(BookFrameResult.Discarded, h.Apply(TestEvents.UpdateFrame().Bid(100m, 3m)));
        Assert.Single(h.Resyncs);

        var fresh = TestEvents.SnapshotFrame().Bid(100m, 5m).Ask(101m, 5m);
        Assert.Equal(BookFrameResult.Snapshot, h.Apply(fresh.Checksum(ChecksumOf(fresh))));

        Assert.Equal(DataQualityKind.Resynced, h.Quality[^1].Kind);
        Assert.False(h.Books.IsStale(Btc));
        Assert.Equal(100.5m, h.Books.Midpoint(Btc));
        Assert.False(h.Books.Snapshot(Btc)!.IsStale);
        Assert.Equal(1, h.Books.Counters.ChecksumFailures);
        Assert.Equal(1, h.Books.Counters.ResyncRequests);
        Assert.Equal(1, h.Books.Counters.Discarded);
    }

    [Fact]
    public void Apply_RepeatedFailuresWithinInterval_ResyncRequestsAreRateLimited()
    {
        var h = new BookHarness(Checked);
        h.Apply(BookHarness.StandardSnapshot());
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m).Checksum(1));
        Assert.Single(h.Resyncs);

        // The resync's snapshot arrives 100 ms later and is bad again: no second request yet.
        h.Clock.AdvanceMs(100);
        Assert.Equal(BookFrameResult.Failed, h.Apply(BookHarness.StandardSnapshot().Checksum(2)));
        Assert.Single(h.Resyncs);

        h.Clock.AdvanceMs(899);
        Assert.Single(h.Resyncs);

        // One second after the first request, the deferred one goes out, exactly once.
        h.Clock.AdvanceMs(1);
        Assert.Equal(2, h.Resyncs.Count);
        h.Clock.Advance(TimeSpan.FromSeconds(9)); // short of the retry after ResyncTimeout (10 s)
        Assert.Equal(2, h.Resyncs.Count);
        Assert.Equal(2, h.Books.Counters.ResyncRequests);

        var good = BookHarness.StandardSnapshot();
        h.Apply(good.Checksum(ChecksumOf(good)));
        Assert.False(h.Books.IsStale(Btc));
        Assert.Equal(DataQualityKind.Resynced, h.Quality[^1].Kind);
    }

    [Fact]
    public void Apply_FailureAfterIntervalElapsed_RequestsImmediately()
    {
        var h = new BookHarness(Checked);
        h.Apply(BookHarness.StandardSnapshot());
        h.Apply(TestEvents.UpdateFrame().Checksum(1));
        var good = BookHarness.StandardSnapshot();
        h.Apply(good.Checksum(ChecksumOf(good)));

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        h.Apply(TestEvents.UpdateFrame().Checksum(1));

        Assert.Equal(2, h.Resyncs.Count);
    }

    [Fact]
    public void Apply_GoodSnapshotBeforeDeferredRequest_CancelsIt()
    {
        var h = new BookHarness(Checked);
        h.Apply(BookHarness.StandardSnapshot());
        h.Apply(TestEvents.UpdateFrame().Checksum(1));
        h.Clock.AdvanceMs(10);
        h.Apply(BookHarness.StandardSnapshot().Checksum(1));
        var good = BookHarness.StandardSnapshot();

        h.Apply(good.Checksum(ChecksumOf(good)));
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(h.Resyncs);
        Assert.False(h.Books.IsStale(Btc));
    }

    [Fact]
    public void MarkStale_ConnectionLost_NotServedUntilSnapshotThenResynced()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        h.Books.MarkStale(Btc, "connection lost");

        Assert.Equal([DataQualityKind.Stale], h.Kinds);
        Assert.Contains("connection lost", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.Empty(h.Resyncs);
        Assert.Null(h.Books.Top(Btc));

        h.Apply(BookHarness.StandardSnapshot());

        Assert.Equal([DataQualityKind.Stale, DataQualityKind.Resynced], h.Kinds);
        Assert.NotNull(h.Books.Top(Btc));
    }

    [Fact]
    public void MarkStale_WithResync_RequestsOne()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        h.Books.MarkStale(Btc, "subscription lost", requestResync: true);

        Assert.Equal("subscription lost", Assert.Single(h.Resyncs).Reason);
    }

    [Fact]
    public void Apply_FailureEvent_CarriesFrameTimes()
    {
        var h = new BookHarness(Checked);
        h.Apply(BookHarness.StandardSnapshot());
        var at = TestClock.Start.AddSeconds(3);

        h.Apply(TestEvents.UpdateFrame().Checksum(1).At(at, at.AddMilliseconds(-5)));

        Assert.All(h.Quality, q => Assert.Equal(at, q.ReceivedAt));
        Assert.All(h.Quality, q => Assert.Equal(at.AddMilliseconds(-5), q.ExchangeTime));
        Assert.All(h.Quality, q => Assert.Equal("test", q.Venue));
    }

    [Fact]
    public void Snapshot_WhileStale_KeepsTimeOfTheDataNotOfDiscardedFrames()
    {
        var h = new BookHarness();
        var t1 = TestClock.Start.AddSeconds(1);
        h.Apply(BookHarness.StandardSnapshot().At(t1, t1.AddMilliseconds(-2)));
        h.Clock.Advance(TimeSpan.FromSeconds(5));

        h.Books.MarkStale(Btc, "connection lost");
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 9m).At(t1.AddSeconds(10)));

        var copy = h.Books.Snapshot(Btc)!;
        Assert.Equal((t1, t1.AddMilliseconds(-2)), (copy.ReceivedAt, copy.ExchangeTime));
        Assert.Equal(h.Clock.GetUtcNow(), h.Quality[0].ReceivedAt);
        Assert.Null(h.Quality[0].ExchangeTime);
    }

    internal static uint ChecksumOf(BookFrameBuilder frame)
    {
        var book = new OrderBook(frame.Symbol);
        book.ApplySnapshot([.. frame.Changes]);
        return TestChecksum.Instance.Compute(book);
    }
}
