using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerSequenceTests
{
    private static readonly Symbol Btc = BookHarness.Btc;

    [Fact]
    public void Apply_ContiguousNextIds_Applies()
    {
        var h = Contiguous(snapshotId: 10);

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m).Sequence(11)));
        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(100m, 3m).Sequence(12, 15)));

        Assert.Equal(15, h.Books.Snapshot(Btc)!.Sequence);
        Assert.Empty(h.Quality);
    }

    [Fact]
    public void Apply_ContiguousSkippedId_ReportsGapMarksStaleAndRequestsResync()
    {
        var h = Contiguous(snapshotId: 10);

        var result = h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m).Sequence(12));

        Assert.Equal(BookFrameResult.Failed, result);
        Assert.Equal([DataQualityKind.Gap, DataQualityKind.Stale], h.Kinds);
        Assert.Contains("last applied 10", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.Single(h.Resyncs);
        Assert.Equal(1, h.Books.Counters.Gaps);
        Assert.Null(h.Books.Top(Btc));

        // The skipped update was not applied.
        Assert.Equal(1m, h.Books.Snapshot(Btc)!.BestBid!.Value.Size);
    }

    [Fact]
    public void Apply_ContiguousOverlappingFrame_IsAGap()
    {
        var h = Contiguous(snapshotId: 10);

        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.UpdateFrame().Sequence(10, 12)));
    }

    [Theory]
    [InlineData(SequenceRule.Contiguous, 10L, 10L)]
    [InlineData(SequenceRule.Contiguous, 5L, 9L)]
    [InlineData(SequenceRule.Overlapping, 10L, 10L)]
    [InlineData(SequenceRule.Overlapping, 8L, 10L)]
    public void Apply_AlreadyAppliedIds_DroppedAsDuplicateWithoutFailure(SequenceRule rule, long first, long last)
    {
        var h = new BookHarness(new BookRules { Sequence = rule });
        h.Apply(BookHarness.StandardSnapshot().Sequence(10));

        var result = h.Apply(TestEvents.UpdateFrame().Bid(100m, 9m).Sequence(first, last));

        Assert.Equal(BookFrameResult.Duplicate, result);
        Assert.Equal(1m, h.Books.Top(Btc)!.Value.Bid.Size);
        Assert.Empty(h.Quality);
        Assert.Equal(1, h.Books.Counters.Duplicates);
    }

    [Fact]
    public void Apply_OverlappingChainAsGeminiSendsIt_Applies()
    {
        // Ids as captured from Gemini's fast WebSocket: each frame's U equals the previous frame's u.
        var h = Overlapping(snapshotId: 1764527605192323);

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Ask(101m, 0m).Sequence(1764527605192323, 1764527605192686)));
        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(100m, 1.047m).Sequence(1764527605192686, 1764527605192712)));

        Assert.Equal(1764527605192712, h.Books.Snapshot(Btc)!.Sequence);
        Assert.Empty(h.Quality);
    }

    [Theory]
    [InlineData(101L, 105L)]
    [InlineData(120L, 130L)]
    public void Apply_OverlappingFirstIdPastLastApplied_IsAGap(long first, long last)
    {
        // U == last + 1 is a gap too: Gemini's chain always overlaps at U == previous u.
        var h = Overlapping(snapshotId: 100);

        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.UpdateFrame().Sequence(first, last)));

        Assert.Equal(DataQualityKind.Gap, h.Quality[0].Kind);
        Assert.True(h.Books.IsStale(Btc));
    }

    [Theory]
    [InlineData(90L, 101L)]
    [InlineData(99L, 105L)]
    public void Apply_OverlappingFrameStartingBeforeLastApplied_IsAGap(long first, long last)
    {
        // Gemini's chain overlaps at exactly U == previous u: a frame starting earlier does not continue it.
        var h = Overlapping(snapshotId: 100);

        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.UpdateFrame().Bid(100m, 7m).Sequence(first, last)));

        Assert.Equal([DataQualityKind.Gap, DataQualityKind.Stale], h.Kinds);
        Assert.Single(h.Resyncs);
        Assert.Equal(1m, h.Books.Snapshot(Btc)!.BestBid!.Value.Size);
    }

    [Theory]
    [InlineData(3L, 8L)]
    [InlineData(50L, 99L)]
    public void Apply_OverlappingFrameEndingBeforeLastApplied_IsAGapNotADuplicate(long first, long last)
    {
        // Ids going backward mean the chain broke (a forward jump was applied before): not an old re-delivery.
        var h = Overlapping(snapshotId: 100);

        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.UpdateFrame().Bid(100m, 9m).Sequence(first, last)));

        Assert.Equal(DataQualityKind.Gap, h.Quality[0].Kind);
        Assert.Contains("last applied 100", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.Equal(0, h.Books.Counters.Duplicates);
        Assert.Equal(1, h.Books.Counters.Gaps);
        Assert.True(h.Books.IsStale(Btc));
    }

    [Fact]
    public void Apply_OverlappingForwardJumpInLastId_NextGenuineUpdateIsAGapAndBookResyncs()
    {
        // Issue #10.1: a frame whose u jumps ahead by 10^9 continues the chain at U, so it applies; every
        // genuine update after it then reaches back before that u. They must break the chain, not be dropped
        // as duplicates while the book is served as good.
        var h = Overlapping(snapshotId: 100);
        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m).Sequence(100, 1_000_000_101)));

        var genuine = h.Apply(TestEvents.UpdateFrame().Bid(100m, 3m).Sequence(101, 102));

        Assert.Equal(BookFrameResult.Failed, genuine);
        Assert.Equal([DataQualityKind.Gap, DataQualityKind.Stale], h.Kinds);
        Assert.Contains("last applied 1000000101", h.Quality[0].Detail, StringComparison.Ordinal);
        Assert.True(h.Books.IsStale(Btc));
        Assert.Null(h.Books.Top(Btc));
        Assert.Single(h.Resyncs);
        Assert.Equal(0, h.Books.Counters.Duplicates);

        // The resync snapshot restarts the chain; the book is good again.
        h.Apply(BookHarness.StandardSnapshot().Sequence(200));
        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(100m, 4m).Sequence(200, 201)));
        Assert.False(h.Books.IsStale(Btc));
        Assert.Equal(DataQualityKind.Resynced, h.Quality[^1].Kind);
    }

    [Fact]
    public void Apply_ContiguousUpdatesOlderThanSnapshot_StillDuplicates()
    {
        var h = Contiguous(snapshotId: 10);

        Assert.Equal(BookFrameResult.Duplicate, h.Apply(TestEvents.UpdateFrame().Sequence(3, 8)));
        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Sequence(11, 12)));
        Assert.Empty(h.Quality);
    }

    [Fact]
    public void Apply_ReversedRange_IsAGap()
    {
        var h = Overlapping(snapshotId: 100);

        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.UpdateFrame().Sequence(105, 102)));
        Assert.Contains("reversed", h.Quality[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UpdateWithoutSequenceWhenRuleNeedsOne_IsAGap()
    {
        var h = Overlapping(snapshotId: 100);

        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m)));
        Assert.Contains("no sequence", h.Quality[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SnapshotWithoutSequence_ChainStartsAtFirstUpdate()
    {
        var h = new BookHarness(new BookRules { Sequence = SequenceRule.Contiguous });
        h.Apply(BookHarness.StandardSnapshot());

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Sequence(50)));
        Assert.Equal(BookFrameResult.Failed, h.Apply(TestEvents.UpdateFrame().Sequence(52)));
    }

    [Fact]
    public void Apply_GapThenNewSnapshot_ChainRestartsFromSnapshot()
    {
        var h = Contiguous(snapshotId: 10);
        h.Apply(TestEvents.UpdateFrame().Sequence(20));

        h.Apply(BookHarness.StandardSnapshot().Sequence(30));

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Sequence(31)));
        Assert.Equal(DataQualityKind.Resynced, h.Quality[^1].Kind);
    }

    [Fact]
    public void Apply_NoSequenceRule_IgnoresIds()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot().Sequence(10));

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Sequence(500)));
        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Sequence(3)));
    }

    private static BookHarness Contiguous(long snapshotId)
    {
        var h = new BookHarness(new BookRules { Sequence = SequenceRule.Contiguous });
        h.Apply(BookHarness.StandardSnapshot().Sequence(snapshotId));
        return h;
    }

    private static BookHarness Overlapping(long snapshotId)
    {
        var h = new BookHarness(new BookRules { Sequence = SequenceRule.Overlapping });
        h.Apply(BookHarness.StandardSnapshot().Sequence(snapshotId));
        return h;
    }
}
