using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerApplyTests
{
    private static readonly Symbol Btc = BookHarness.Btc;

    [Fact]
    public void Apply_SnapshotThenUpdates_BookReflectsEveryChange()
    {
        var h = new BookHarness();

        Assert.Equal(BookFrameResult.Snapshot, h.Apply(BookHarness.StandardSnapshot()));
        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Bid(100m, 4m).Remove(BookSide.Bid, 99m).Ask(100.5m, 0.5m)));
        Assert.Equal(BookFrameResult.Applied, h.Apply(TestEvents.UpdateFrame().Ask(103m, 0m).Bid(97m, 1m)));

        var book = h.Books.Snapshot(Btc)!;
        Assert.Equal([(100m, 4m), (98m, 3m), (97m, 1m)], BookHarness.Side(book.Bids));
        Assert.Equal([(100.5m, 0.5m), (101m, 1m), (102m, 2m)], BookHarness.Side(book.Asks));
        Assert.False(book.IsStale);
        Assert.Equal(1, h.Books.Counters.Snapshots);
        Assert.Equal(2, h.Books.Counters.Updates);
        Assert.Empty(h.Quality);
    }

    [Fact]
    public void Apply_Update_TellsTheChecksumWhereEachChangeLanded()
    {
        var checksum = new LandingRecorder();
        var h = new BookHarness(new BookRules { Checksum = checksum });
        h.Apply(BookHarness.StandardSnapshot());

        h.Apply(TestEvents.UpdateFrame()
            .Bid(100.5m, 1m) // a new best bid
            .Bid(99m, 5m) // now third
            .Remove(BookSide.Bid, 98m) // was fourth
            .Remove(BookSide.Ask, 150m) // never there
            .Ask(101m, 0m) // the best ask goes
            .Checksum(1));

        Assert.Equal(
            [new(BookAction.Add, 0), new(BookAction.Update, 2), new(BookAction.Remove, 3), new(null, -1), new(BookAction.Remove, 0)],
            checksum.Landed);
    }

    [Fact]
    public void Apply_RemoveOfMissingLevel_IsNoOpNotGap()
    {
        var h = new BookHarness(new BookRules { Sequence = SequenceRule.Overlapping, Checksum = TestChecksum.Instance });
        h.Apply(BookHarness.StandardSnapshot().Sequence(10));
        var expected = h.Books.Snapshot(Btc)!;
        var checksum = TestChecksum.Instance.Compute(ToBook(expected));

        var result = h.Apply(TestEvents.UpdateFrame().Remove(BookSide.Bid, 100.5m).Remove(BookSide.Ask, 150m).Sequence(10, 11).Checksum(checksum));

        Assert.Equal(BookFrameResult.Applied, result);
        Assert.Equal(BookHarness.Side(expected.Bids), BookHarness.Side(h.Books.Snapshot(Btc)!.Bids));
        Assert.Empty(h.Quality);
        Assert.Empty(h.Resyncs);
        Assert.False(h.Books.IsStale(Btc));
    }

    [Fact]
    public void Apply_UpdateBeyondDepth_IsTruncatedAfterTheFrame()
    {
        var h = new BookHarness(depth: 3);
        h.Apply(BookHarness.StandardSnapshot());

        // A level worse than the third is dropped; a better one pushes the third out (Kraken sends no delete for it).
        h.Apply(TestEvents.UpdateFrame().Bid(97m, 9m).Ask(100.5m, 1m));

        var book = h.Books.Snapshot(Btc)!;
        Assert.Equal([(100m, 1m), (99m, 2m), (98m, 3m)], BookHarness.Side(book.Bids));
        Assert.Equal([(100.5m, 1m), (101m, 1m), (102m, 2m)], BookHarness.Side(book.Asks));
        Assert.Equal(3, book.Depth);
    }

    [Fact]
    public void Apply_RemoveThenRefillWithinDepth_KeepsDepthLevels()
    {
        var h = new BookHarness(depth: 3);
        h.Apply(BookHarness.StandardSnapshot());

        h.Apply(TestEvents.UpdateFrame().Remove(BookSide.Ask, 101m).Ask(104m, 4m));

        Assert.Equal([(102m, 2m), (103m, 3m), (104m, 4m)], BookHarness.Side(h.Books.Snapshot(Btc)!.Asks));
    }

    [Fact]
    public void Apply_SnapshotDeeperThanSubscribed_IsTruncated()
    {
        var h = new BookHarness(depth: 2);

        h.Apply(BookHarness.StandardSnapshot());

        var book = h.Books.Snapshot(Btc)!;
        Assert.Equal(2, book.Bids.Count);
        Assert.Equal(2, book.Asks.Count);
    }

    [Fact]
    public void Apply_BothSidesInOneFrame_AppliesBoth()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        h.Apply(TestEvents.UpdateFrame().Ask(101m, 7m).Bid(100m, 8m));

        Assert.Equal(new BookTop(new BookLevel(100m, 8m), new BookLevel(101m, 7m)), h.Books.Top(Btc));
    }

    [Fact]
    public void Apply_RepeatedPriceInOneFrame_LastWins()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        h.Apply(TestEvents.UpdateFrame().Bid(99m, 5m).Bid(99m, 0m).Bid(99m, 6m).Ask(102m, 0m).Ask(102m, 9m).Bid(98m, 1m).Bid(98m, 0m));

        var book = h.Books.Snapshot(Btc)!;
        Assert.Equal([(100m, 1m), (99m, 6m)], BookHarness.Side(book.Bids));
        Assert.Equal([(101m, 1m), (102m, 9m), (103m, 3m)], BookHarness.Side(book.Asks));
    }

    [Fact]
    public void TopSpreadMidpoint_GoodBook_ComeFromTheBestLevels()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        Assert.Equal(100m, h.Books.Top(Btc)!.Value.Bid.Price);
        Assert.Equal(1m, h.Books.Spread(Btc));
        Assert.Equal(100.5m, h.Books.Midpoint(Btc));
    }

    [Fact]
    public void TopSpreadMidpoint_OneSidedOrUnknownBook_AreNull()
    {
        var h = new BookHarness();
        h.Apply(TestEvents.SnapshotFrame().Bid(100m, 1m));

        Assert.Null(h.Books.Top(Btc));
        Assert.Null(h.Books.Spread(Btc));
        Assert.Null(h.Books.Midpoint(Btc));
        Assert.Null(h.Books.Top(Symbol.Parse("ETH/USD")));
        Assert.True(h.Books.IsStale(Symbol.Parse("ETH/USD")));
    }

    [Fact]
    public void Levels_Depth_CopiesTopLevelsOnly()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        var top = h.Books.Levels(Btc, 2)!;

        Assert.Equal([(100m, 1m), (99m, 2m)], BookHarness.Side(top.Bids));
        Assert.Equal([(101m, 1m), (102m, 2m)], BookHarness.Side(top.Asks));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Books.Levels(Btc, 0));
    }

    [Fact]
    public void Snapshot_BeforeFirstSnapshot_IsNull()
    {
        var h = new BookHarness();

        Assert.Null(h.Books.Snapshot(Btc));
        Assert.True(h.Books.IsStale(Btc));
    }

    [Fact]
    public void Apply_InvalidLevelInUpdate_MarksStaleAndRequestsResync()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());

        var result = h.Apply(TestEvents.UpdateFrame().Bid(99m, -1m));

        Assert.Equal(BookFrameResult.Failed, result);
        Assert.True(h.Books.IsStale(Btc));
        var stale = Assert.Single(h.Quality);
        Assert.Equal(DataQualityKind.Stale, stale.Kind);
        Assert.Contains("invalid level", stale.Detail, StringComparison.Ordinal);
        Assert.Single(h.Resyncs);
    }

    [Fact]
    public void Apply_WithLevelListener_RaisesOneUpdatePerEffectiveChange()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());
        var updates = new List<BookUpdate>();
        h.Books.LevelChanged += updates.Add;

        h.Apply(TestEvents.UpdateFrame().Bid(100m, 2m).Remove(BookSide.Ask, 101m).Ask(100.5m, 1m).Remove(BookSide.Ask, 150m));

        Assert.Equal(
            [(BookSide.Bid, BookAction.Update, 100m), (BookSide.Ask, BookAction.Remove, 101m), (BookSide.Ask, BookAction.Add, 100.5m)],
            updates.Select(u => (u.Side, u.Action, u.Level.Price)));
        Assert.All(updates, u => Assert.Equal(Btc, u.Symbol));
    }

    [Fact]
    public void Apply_WithLevelListenerAndDepth_ReportsLevelsPushedOutOfDepthAsRemoved()
    {
        var h = new BookHarness(depth: 3);
        h.Apply(BookHarness.StandardSnapshot());
        var updates = new List<BookUpdate>();
        h.Books.LevelChanged += updates.Add;

        h.Apply(TestEvents.UpdateFrame().Bid(100.5m, 1m).Ask(104m, 1m));

        Assert.Equal(
            [(BookSide.Bid, BookAction.Add, 100.5m), (BookSide.Ask, BookAction.Add, 104m), (BookSide.Bid, BookAction.Remove, 98m), (BookSide.Ask, BookAction.Remove, 104m)],
            updates.Select(u => (u.Side, u.Action, u.Level.Price)));
        Assert.All(updates.Where(u => u.Action == BookAction.Remove), u => Assert.Equal(0m, u.Level.Size));
    }

    /// <summary>Records where the manager says the last frame's changes landed; always answers 1.</summary>
    private sealed class LandingRecorder : IBookChecksum
    {
        public AppliedLevel[] Landed { get; private set; } = [];

        public uint Compute(in BookView book, ReadOnlySpan<LevelChange> applied, ReadOnlySpan<AppliedLevel> landed)
        {
            if (applied.IsEmpty)
            {
                return 1;
            }

            Landed = landed.ToArray();
            return 1;
        }
    }

    internal static OrderBook ToBook(BookSnapshot snapshot)
    {
        var book = new OrderBook(snapshot.Symbol, snapshot.Depth);
        var levels = snapshot.Bids.Select(l => new LevelChange(BookSide.Bid, l.Price, l.Size))
            .Concat(snapshot.Asks.Select(l => new LevelChange(BookSide.Ask, l.Price, l.Size)))
            .ToArray();
        book.ApplySnapshot(levels);
        return book;
    }
}
