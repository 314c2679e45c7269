using System.Collections.Concurrent;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerEventOrderTests
{
    private static readonly Symbol Btc = BookHarness.Btc;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Quality_MarkStaleRacesResnapshot_HandlersSeeStaleBeforeResynced()
    {
        var books = new BookManager("test", BookRules.Default, TestClock.Create());
        books.Track(Btc, null);
        BookHarness.StandardSnapshot().ApplyTo(books);
        var staleDelivering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var seen = new ConcurrentQueue<DataQualityKind>();

        // The first handler holds the thread delivering "Stale" (as a slow handler or a preempted thread would),
        // after the book lock is released and before the second handler has seen the event.
        books.Quality += e =>
        {
            if (e.Kind == DataQualityKind.Stale)
            {
                staleDelivering.TrySetResult();
                Assert.True(release.Wait(Patience), "the test never released the Stale delivery");
            }
        };
        books.Quality += e => seen.Enqueue(e.Kind);

        var session = Task.Run(() => books.MarkStale(Btc, "connection lost"));
        await staleDelivering.Task.WaitAsync(Patience);

        // The receive loop resnapshots the book while the Stale event is still on its way.
        Assert.Equal(BookFrameResult.Snapshot, BookHarness.StandardSnapshot().ApplyTo(books));
        release.Set();
        await session.WaitAsync(Patience);

        Assert.Equal([DataQualityKind.Stale, DataQualityKind.Resynced], seen);
        Assert.False(books.IsStale(Btc));
    }

    [Fact]
    public void Quality_HandlerCallsBackIntoManager_ItsEventsFollowInOrderAndReadsDoNotBlock()
    {
        var eth = Symbol.Parse("ETH/USD");
        var books = new BookManager("test", BookRules.Default, TestClock.Create());
        books.Track(Btc, null);
        books.Track(eth, null);
        BookHarness.StandardSnapshot().ApplyTo(books);
        BookHarness.StandardSnapshot(eth).ApplyTo(books);
        var seen = new List<(Symbol? Symbol, DataQualityKind Kind, bool BtcReadable)>();
        books.Quality += e =>
        {
            // Reads the book (its lock is free) and changes another one from inside the handler.
            seen.Add((e.Symbol, e.Kind, books.Snapshot(Btc) is not null));
            if (e.Symbol == Btc)
            {
                books.MarkStale(eth, "follows BTC");
            }
        };

        books.MarkStale(Btc, "connection lost");

        Assert.Equal([(Btc, DataQualityKind.Stale, true), (eth, DataQualityKind.Stale, true)], seen);
        Assert.True(books.IsStale(eth));
    }
}
