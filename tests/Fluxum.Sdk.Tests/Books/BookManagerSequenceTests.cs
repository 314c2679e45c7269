using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Tests.Books;

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
    [InlineData(SequenceRule.Overlapping, 3L, 8L)]
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

    [Fact]
    public void Apply_OverlappingFrameStartingBeforeLastApplied_Applies()
    {
        var h = Overlapping(snapshotId: 100);

        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(100m, 7m).Sequence(90, 101)));
        Assert.Equal(7m, h.Books.Top(Btc)!.Value.Bid.Size);
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
