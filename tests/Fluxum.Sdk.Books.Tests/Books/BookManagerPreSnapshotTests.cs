using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerPreSnapshotTests
{
    private static readonly Symbol Btc = BookHarness.Btc;
    private static readonly BookRules Buffering = new() { PreSnapshot = PreSnapshotPolicy.Buffer, Sequence = SequenceRule.Overlapping };

    [Fact]
    public void Apply_UpdatesBeforeSnapshotDiscardPolicy_DroppedCountedAndReportedOnce()
    {
        var h = new BookHarness();

        Assert.Equal(BookFrameResult.Discarded, h.Apply(TestEvents.UpdateFrame().Bid(100m, 1m).Ask(101m, 1m)));
        Assert.Equal(BookFrameResult.Discarded, h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m)));

        Assert.Equal([DataQualityKind.UpdateBeforeSnapshot], h.Kinds);
        Assert.Equal(2, h.Books.Counters.Discarded);
        Assert.Null(h.Books.Snapshot(Btc));
        Assert.Null(h.Books.Top(Btc));
        Assert.True(h.Books.IsStale(Btc));

        h.Apply(BookHarness.StandardSnapshot());

        Assert.Equal(1m, h.Books.Top(Btc)!.Value.Bid.Size);
        Assert.Single(h.Quality);
    }

    [Fact]
    public void Apply_UpdatesBeforeSnapshotBufferPolicy_AppliesOnlyThoseNewerThanSnapshot()
    {
        var h = new BookHarness(Buffering);

        Assert.Equal(BookFrameResult.Buffered, h.Apply(TestEvents.UpdateFrame().Bid(100m, 50m).Sequence(5, 6)));
        Assert.Equal(BookFrameResult.Buffered, h.Apply(TestEvents.UpdateFrame().Bid(100m, 60m).Sequence(6, 8)));
        Assert.Equal(BookFrameResult.Buffered, h.Apply(TestEvents.UpdateFrame().Ask(101m, 0m).Sequence(8, 10)));
        Assert.Null(h.Books.Top(Btc));

        // The snapshot covers ids up to 7: the first frame is inside it, the other two straddle or follow it.
        Assert.Equal(BookFrameResult.Snapshot, h.Apply(BookHarness.StandardSnapshot().Sequence(7)));

        var book = h.Books.Snapshot(Btc)!;
        Assert.Equal((100m, 60m), (book.BestBid!.Value.Price, book.BestBid.Value.Size));
        Assert.Equal(102m, book.BestAsk!.Value.Price);
        Assert.Equal(10, book.Sequence);
        Assert.False(book.IsStale);
        Assert.Equal(3, h.Books.Counters.Buffered);
        Assert.Equal(1, h.Books.Counters.Duplicates);
        Assert.Equal(2, h.Books.Counters.Updates);
        Assert.Empty(h.Quality);

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Sequence(10, 11)));
    }

    [Fact]
    public void Apply_BufferedOverlappingFramesAfterTheStraddlingOne_MustContinueTheChain()
    {
        var h = new BookHarness(Buffering);
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 60m).Sequence(6, 8));
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 70m).Sequence(7, 10));

        // (6, 8) straddles the snapshot's 7 and applies; (7, 10) then does not start at 8.
        Assert.Equal(BookFrameResult.Failed, h.Apply(BookHarness.StandardSnapshot().Sequence(7)));

        Assert.Equal(DataQualityKind.Gap, h.Quality[0].Kind);
        Assert.Contains("last applied 8", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.True(h.Books.IsStale(Btc));
    }

    [Fact]
    public void Apply_BufferedFramesWithGapAfterSnapshot_MarksStale()
    {
        var h = new BookHarness(Buffering);
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 60m).Sequence(12, 14));

        Assert.Equal(BookFrameResult.Failed, h.Apply(BookHarness.StandardSnapshot().Sequence(7)));

        Assert.Equal(DataQualityKind.Gap, h.Quality[0].Kind);
        Assert.True(h.Books.IsStale(Btc));
        Assert.Single(h.Resyncs);
    }

    [Fact]
    public void Apply_BufferedFrameChecksums_AreCheckedAfterReplayNotOnSnapshot()
    {
        var h = new BookHarness(Buffering with { Checksum = TestChecksum.Instance });
        var snapshot = BookHarness.StandardSnapshot().Sequence(7);
        var afterReplay = BookHarness.StandardSnapshot().Bid(100m, 60m);
        h.Apply(TestEvents.UpdateFrame().Bid(100m, 60m).Sequence(7, 8).Checksum(BookManagerResyncTests.ChecksumOf(afterReplay)));

        Assert.Equal(BookFrameResult.Snapshot, h.Apply(snapshot.Checksum(BookManagerResyncTests.ChecksumOf(snapshot))));

        Assert.Empty(h.Quality);
        Assert.Equal(60m, h.Books.Top(Btc)!.Value.Bid.Size);
    }

    [Fact]
    public void Apply_BufferedFrameWithInvalidLevel_FailsTheSnapshotInsteadOfThrowing()
    {
        var h = new BookHarness(Buffering);
        h.Apply(TestEvents.UpdateFrame().Bid(100m, -5m).Sequence(7, 8));

        Assert.Equal(BookFrameResult.Failed, h.Apply(BookHarness.StandardSnapshot().Sequence(7)));

        Assert.Contains("invalid level", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.True(h.Books.IsStale(Btc));
        Assert.Single(h.Resyncs);
    }

    [Fact]
    public void Apply_TooManyBufferedFrames_ReportsGapAndRequestsResync()
    {
        var h = new BookHarness(Buffering with { MaxBufferedFrames = 2 });
        h.Apply(TestEvents.UpdateFrame().Sequence(1, 2));
        h.Apply(TestEvents.UpdateFrame().Sequence(2, 3));

        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.UpdateFrame().Sequence(3, 4)));

        Assert.Equal([DataQualityKind.Gap, DataQualityKind.Stale], h.Kinds);
        Assert.Contains("more than 2", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.Single(h.Resyncs);
    }

    [Fact]
    public void Apply_UpdatesWhileStaleBufferPolicy_ReplayedAfterResyncSnapshot()
    {
        var h = new BookHarness(Buffering);
        h.Apply(BookHarness.StandardSnapshot().Sequence(10));
        h.Apply(TestEvents.UpdateFrame().Sequence(20, 21));
        Assert.True(h.Books.IsStale(Btc));

        Assert.Equal(BookFrameResult.Buffered, h.Apply(TestEvents.UpdateFrame().Bid(100m, 9m).Sequence(30, 32)));
        h.Apply(BookHarness.StandardSnapshot().Sequence(31));

        Assert.False(h.Books.IsStale(Btc));
        Assert.Equal(9m, h.Books.Top(Btc)!.Value.Bid.Size);
        Assert.Equal(DataQualityKind.Resynced, h.Quality[^1].Kind);
    }

    [Fact]
    public void Apply_UpdatesWhileStaleDiscardPolicy_AreDroppedWithoutNewEvents()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());
        h.Books.MarkStale(Btc, "test");

        Assert.Equal(BookFrameResult.Discarded, h.Apply(TestEvents.UpdateFrame().Bid(100m, 9m)));

        Assert.Equal([DataQualityKind.Stale], h.Kinds);
        Assert.Equal(1m, h.Books.Snapshot(Btc)!.BestBid!.Value.Size);
    }
}
