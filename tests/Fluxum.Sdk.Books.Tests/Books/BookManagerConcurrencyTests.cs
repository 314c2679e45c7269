using Fluxum.Sdk.Books;
using Fluxum.Sdk.Testing.Builders;

namespace Fluxum.Sdk.Books.Tests;

public sealed class BookManagerConcurrencyTests
{
    [Fact]
    public async Task Snapshot_ReadWhileWriterApplies_AlwaysSeesAWholeSortedBook()
    {
        var h = new BookHarness();
        h.Apply(BookHarness.StandardSnapshot());
        using var stop = new CancellationTokenSource();
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var copy = h.Books.Snapshot(BookHarness.Btc)!;
                Assert.True(IsSorted(copy.Bids, descending: true), "bids out of order");
                Assert.True(IsSorted(copy.Asks, descending: false), "asks out of order");

                // Every frame moves one bid and one ask together; a torn read would see them differ.
                Assert.Equal(copy.Bids[0].Size, copy.Asks[0].Size);
                reading.TrySetResult();
            }
        });
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(10));

        for (var i = 1; i <= 5_000 && !reader.IsCompleted; i++)
        {
            h.Apply(TestEvents.UpdateFrame().Bid(100m, i).Ask(101m, i).Bid(99m - (i % 50 * 0.01m), i % 3));
        }

        await stop.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5_000m, h.Books.Top(BookHarness.Btc)!.Value.Bid.Size);
    }

    private static bool IsSorted(IReadOnlyList<BookLevel> levels, bool descending)
    {
        for (var i = 1; i < levels.Count; i++)
        {
            var c = levels[i - 1].Price.CompareTo(levels[i].Price);
            if (descending ? c <= 0 : c >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
