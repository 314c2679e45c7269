using Fluxum.Sdk.Books;

namespace Fluxum.Sdk.Books.Tests;

/// <summary>Binance's documented local-book procedure, step by step (ids as in its own example: lastUpdateId 1027024).</summary>
public sealed class UpdateIdStitcherTests
{
    [Fact]
    public void OnSnapshot_OlderThanTheFirstBufferedDiff_TooOldUntilANewerOneReachesIt()
    {
        var sync = new UpdateIdStitcher<string>();
        Assert.Equal(DiffOutcome.Buffered, sync.OnDiff(1027025, 1027030, "a"));
        Assert.Equal(DiffOutcome.Buffered, sync.OnDiff(1027031, 1027033, "b"));

        Assert.Equal(SnapshotOutcome.TooOld, sync.OnSnapshot(1027024, out var none));
        Assert.Empty(none);
        Assert.Equal(1, sync.SnapshotAttempts);
        Assert.False(sync.IsLive);
        Assert.Equal(1027025, sync.FirstBufferedId);

        Assert.Equal(SnapshotOutcome.Synced, sync.OnSnapshot(1027027, out var diffs));
        Assert.Equal(["a", "b"], diffs); // "a" covers 1027028, the first id after the snapshot
        Assert.True(sync.IsLive);
        Assert.Equal(1027033, sync.BookUpdateId);
        Assert.Equal(0, sync.SnapshotAttempts);
        Assert.Equal(0, sync.Buffered);
    }

    [Fact]
    public void OnSnapshot_BufferedDiffsAtOrBeforeItsId_Discarded()
    {
        var sync = new UpdateIdStitcher<string>();
        sync.OnDiff(100, 110, "old");
        sync.OnDiff(111, 120, "also old");
        sync.OnDiff(121, 130, "covers 126");
        sync.OnDiff(131, 131, "next");

        Assert.Equal(SnapshotOutcome.Synced, sync.OnSnapshot(125, out var diffs));

        Assert.Equal(["covers 126", "next"], diffs);
        Assert.Equal(131, sync.BookUpdateId);
    }

    [Fact]
    public void OnSnapshot_ExactlyAtTheLastBufferedId_LiveWithNothingToApply()
    {
        var sync = new UpdateIdStitcher<string>();
        sync.OnDiff(100, 110, "x");

        Assert.Equal(SnapshotOutcome.Synced, sync.OnSnapshot(110, out var diffs));

        Assert.Empty(diffs);
        Assert.Equal(110, sync.BookUpdateId);
        Assert.Equal(DiffOutcome.Apply, sync.OnDiff(111, 115, "y"));
    }

    [Fact]
    public void OnSnapshot_HeldDiffsSkipIdsAfterIt_TooOldAndTheDiffsAfterTheHoleAreKept()
    {
        var sync = new UpdateIdStitcher<string>();
        sync.OnDiff(100, 110, "a");
        sync.OnDiff(120, 125, "after a hole");

        Assert.Equal(SnapshotOutcome.TooOld, sync.OnSnapshot(105, out _));
        Assert.Equal(120, sync.FirstBufferedId);

        Assert.Equal(SnapshotOutcome.Synced, sync.OnSnapshot(121, out var diffs));
        Assert.Equal(["after a hole"], diffs);
        Assert.Equal(125, sync.BookUpdateId);
    }

    [Fact]
    public void OnDiff_Live_AppliesContinuationsIgnoresDuplicatesAndAGapLosesTheBook()
    {
        var sync = new UpdateIdStitcher<string>();
        Assert.Equal(SnapshotOutcome.Synced, sync.OnSnapshot(50, out _));

        Assert.Equal(DiffOutcome.Apply, sync.OnDiff(45, 55, "overlapping the snapshot"));
        Assert.Equal(DiffOutcome.Apply, sync.OnDiff(56, 60, "next"));
        Assert.Equal(DiffOutcome.Duplicate, sync.OnDiff(58, 60, "seen"));
        Assert.Equal(60, sync.BookUpdateId);

        Assert.Equal(DiffOutcome.Gap, sync.OnDiff(62, 64, "skipped 61"));
        Assert.False(sync.IsLive);
        Assert.Null(sync.BookUpdateId);
        Assert.Equal(62, sync.FirstBufferedId); // the diff after the hole starts the next sync

        Assert.Equal(SnapshotOutcome.TooOld, sync.OnSnapshot(60, out _));
        Assert.Equal(SnapshotOutcome.Synced, sync.OnSnapshot(63, out var diffs));
        Assert.Equal(["skipped 61"], diffs);
        Assert.Equal(64, sync.BookUpdateId);
    }

    [Fact]
    public void OnSnapshot_WhileLive_NotAwaitedAndTheBookKeepsItsId()
    {
        var sync = new UpdateIdStitcher<string>();
        sync.OnSnapshot(10, out _);
        sync.OnDiff(11, 12, "a");

        Assert.Equal(SnapshotOutcome.NotAwaited, sync.OnSnapshot(500, out var diffs));

        Assert.Empty(diffs);
        Assert.Equal(12, sync.BookUpdateId);
    }

    [Fact]
    public void OnDiff_BufferFull_KeepsTheNewestAndTheSnapshotMustReachThem()
    {
        var sync = new UpdateIdStitcher<int>(new UpdateIdStitcherOptions { MaxBuffered = 3 });
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(DiffOutcome.Buffered, sync.OnDiff(i, i, i));
        }

        Assert.Equal(DiffOutcome.BufferedDroppedOldest, sync.OnDiff(4, 4, 4));
        Assert.Equal(3, sync.Buffered);
        Assert.Equal(2, sync.FirstBufferedId);
        Assert.Equal(SnapshotOutcome.TooOld, sync.OnSnapshot(1, out _));
        Assert.Equal(SnapshotOutcome.Synced, sync.OnSnapshot(2, out var diffs));
        Assert.Equal([3, 4], diffs);
    }

    [Fact]
    public void Reset_LiveBook_BuffersAgainForANewSnapshot()
    {
        var sync = new UpdateIdStitcher<string>();
        sync.OnSnapshot(10, out _);

        sync.Reset();

        Assert.False(sync.IsLive);
        Assert.Equal(DiffOutcome.Buffered, sync.OnDiff(11, 12, "a"));
        Assert.Equal(DiffOutcome.Invalid, sync.OnDiff(20, 19, "backwards"));
        Assert.Equal(1, sync.Buffered);
    }

    [Fact]
    public void Keeps_PredictsExactlyTheDiffsOnDiffKeeps()
    {
        // Random chains with duplicates, overlaps, gaps, invalid ranges and snapshots of every age: whenever Keeps
        // says no, OnDiff must not keep the diff (a caller hands it no copy of the changes), and the other way round.
        var random = new Random(17);
        var sync = new UpdateIdStitcher<int>(new UpdateIdStitcherOptions { MaxBuffered = 8 });
        long next = 100;
        for (var i = 0; i < 100_000; i++)
        {
            if (random.Next(20) == 0)
            {
                sync.OnSnapshot(next - random.Next(-5, 30), out _);
                continue;
            }

            var first = random.Next(10) switch
            {
                0 => next - random.Next(1, 20), // old or overlapping
                1 => next + random.Next(2, 10), // a gap
                _ => next,
            };
            var last = random.Next(30) == 0 ? first - 1 : first + random.Next(0, 5);
            var predicted = sync.Keeps(first, last);
            var outcome = sync.OnDiff(first, last, i);
            var kept = outcome is DiffOutcome.Buffered or DiffOutcome.BufferedDroppedOldest or DiffOutcome.Gap;
            Assert.True(predicted == kept, $"diff {first}..{last}: Keeps said {predicted}, OnDiff answered {outcome}");
            next = Math.Max(next, last + 1);
        }
    }
}
