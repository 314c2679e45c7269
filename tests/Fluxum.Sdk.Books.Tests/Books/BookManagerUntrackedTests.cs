using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

/// <summary>Issue #11.1: books exist only for the symbols the deployment subscribed (<see cref="BookManager.TrackedOnly"/>).</summary>
public sealed class BookManagerUntrackedTests
{
    private static readonly Symbol Btc = TestEvents.Symbol;

    [Fact]
    public void Apply_100kUpdatesForUnsubscribedSymbols_NoBookAllocatedCountedAndOneEventPerSymbolBounded()
    {
        const int Frames = 100_000;
        var books = new BookManager("test", BookRules.Default) { TrackedOnly = true };
        books.Track(Btc, 10);
        var events = new List<DataQualityEvent>();
        books.Quality += events.Add;
        var symbols = new Symbol[Frames];
        for (var i = 0; i < Frames; i++)
        {
            symbols[i] = new Symbol($"Z{i}", "USD");
        }

        LevelChange[] changes = [new(BookSide.Bid, 100m, 1m), new(BookSide.Ask, 101m, 1m)];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var results = new HashSet<BookFrameResult>();
        for (var i = 0; i < Frames; i++)
        {
            results.Add(books.Apply(new BookFrame(symbols[i], i % 2 == 0, changes, DateTimeOffset.UnixEpoch)));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal([BookFrameResult.Untracked], results);
        Assert.Equal([Btc], books.Symbols);
        Assert.Equal(Frames, books.Counters.UntrackedFrames);

        // One event per symbol for the first MaxReportedUntrackedSymbols symbols, then only counted.
        Assert.Equal(BookManager.MaxReportedUntrackedSymbols, events.Count);
        Assert.All(events, e => Assert.Equal(DataQualityKind.UnsubscribedSymbol, e.Kind));
        Assert.Equal(BookManager.MaxReportedUntrackedSymbols, events.Select(e => e.Symbol).Distinct().Count());
        Assert.Contains("only counted", events[^1].Detail, StringComparison.Ordinal);

        // A book was ~21 KB each (2.3 GB for these frames); what is left is the bounded reports.
        Assert.True(allocated < 4_000_000, $"{allocated:N0} bytes allocated for {Frames:N0} untracked frames");
    }

    [Fact]
    public void Apply_RepeatedFramesOfOneUnsubscribedSymbol_ReportedOnceCountedEachTime()
    {
        var books = new BookManager("test", BookRules.Default) { TrackedOnly = true };
        var events = new List<DataQualityEvent>();
        books.Quality += events.Add;
        var other = new Symbol("ETH", "USD");

        for (var i = 0; i < 5; i++)
        {
            TestEvents.UpdateFrame(other).Bid(100m, 1m).ApplyTo(books);
        }

        var e = Assert.Single(events);
        Assert.Equal((DataQualityKind.UnsubscribedSymbol, (Symbol?)other, "test"), (e.Kind, e.Symbol, e.Venue));
        Assert.Equal(5, books.Counters.UntrackedFrames);
        Assert.Empty(books.Symbols);
        Assert.Null(books.Snapshot(other));
    }

    [Fact]
    public void Apply_TrackedSymbol_StillKeptAndUntrackAfterwardsDropsItsFrames()
    {
        var books = new BookManager("test", BookRules.Default) { TrackedOnly = true };
        books.Track(Btc, null);

        Assert.Equal(BookFrameResult.Snapshot, BookHarness.StandardSnapshot().ApplyTo(books));
        books.Untrack(Btc);

        Assert.Equal(BookFrameResult.Untracked, TestEvents.UpdateFrame().Bid(100m, 2m).ApplyTo(books));
        Assert.Empty(books.Symbols);
    }

    [Fact]
    public void Apply_BufferPolicy_BufferedBytesBounded_OverflowIsAGapAndResync()
    {
        // 64 changes a frame; the byte bound is reached long before the frame-count bound.
        var rules = BookRules.Default with { PreSnapshot = PreSnapshotPolicy.Buffer, MaxBufferedFrames = 1_000_000, MaxBufferedBytes = 64 * 1024 };
        var h = new BookHarness(rules);
        var frame = TestEvents.UpdateFrame();
        for (var i = 0; i < 64; i++)
        {
            frame.Bid(100m - i, 1m);
        }

        var results = new List<BookFrameResult>();
        for (var i = 0; i < 200; i++)
        {
            results.Add(h.Apply(frame));
        }

        // Held at most MaxBufferedBytes at a time: the frames buffered before the first overflow.
        var buffered = results.TakeWhile(r => r == BookFrameResult.Buffered).Count();
        Assert.True(buffered < 100, $"{buffered} frames buffered before the overflow");
        Assert.InRange(buffered * 64L * System.Runtime.CompilerServices.Unsafe.SizeOf<LevelChange>(), 1, rules.MaxBufferedBytes);
        Assert.Contains(BookFrameResult.Failed, results);
        Assert.Contains(h.Quality, q => q.Kind == DataQualityKind.Gap && q.Detail.Contains("bytes", StringComparison.Ordinal));
        Assert.NotEmpty(h.Resyncs);
    }
}
