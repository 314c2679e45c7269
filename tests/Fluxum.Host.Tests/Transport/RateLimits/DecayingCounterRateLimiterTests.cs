using System.Threading.RateLimiting;
using Fluxum.Host.Transport.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.Transport.RateLimits;

/// <summary>Kraken's decaying call counter as a <see cref="RateLimiter"/>, on a fake clock: nothing here sleeps.</summary>
public sealed class DecayingCounterRateLimiterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly DecayingCounterRateLimiter _limiter;

    public DecayingCounterRateLimiterTests() => _limiter = new DecayingCounterRateLimiter(15, 0.33, _time);

    [Fact]
    public void AttemptAcquire_PastCapacity_RefusedWithTheDecayTimeAsRetryAfter()
    {
        for (var i = 0; i < 15; i++)
        {
            Assert.True(_limiter.AttemptAcquire(1).IsAcquired);
        }

        using var refused = _limiter.AttemptAcquire(1);

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(3031), retryAfter); // 1 / 0.33 s, rounded up to the millisecond
        Assert.Equal(15, _limiter.Level, 9);
    }

    [Fact]
    public void Level_DecaysAtTheRatePerSecondDownToZero()
    {
        Assert.True(_limiter.AttemptAcquire(10).IsAcquired);

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(10 - 3.3, _limiter.Level, 9);
        _time.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(0, _limiter.Level);
    }

    [Fact]
    public async Task AcquireAsync_PastCapacity_WaitsExactlyUntilTheCostHasDecayed()
    {
        Assert.True(_limiter.AttemptAcquire(15).IsAcquired);

        var held = _limiter.AcquireAsync(2).AsTask();
        Assert.False(held.IsCompleted);
        Assert.Equal(TimeSpan.FromMilliseconds(6061), _limiter.WaitFor(0)); // behind the held 2: 2 / 0.33 s
        _time.Advance(TimeSpan.FromMilliseconds(6060));
        Assert.False(held.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await held.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(lease.IsAcquired);
        Assert.Equal(15, _limiter.Level, 2);
    }

    [Fact]
    public async Task AcquireAsync_FirstComeFirstServed_ACheapRequestDoesNotOvertakeADearOne()
    {
        Assert.True(_limiter.AttemptAcquire(15).IsAcquired);
        var dear = _limiter.AcquireAsync(2).AsTask();
        var cheap = _limiter.AcquireAsync(1).AsTask();

        _time.Advance(TimeSpan.FromSeconds(3.1)); // 1.02 decayed: room for the cheap one, not for the dear one ahead of it
        Assert.False(cheap.IsCompleted);
        Assert.False(_limiter.AttemptAcquire(1).IsAcquired); // nor for a newcomer: the queue goes first
        _time.Advance(TimeSpan.FromSeconds(3));
        await dear.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(cheap.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3.1));
        await cheap.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(3, _limiter.GetStatistics()!.TotalSuccessfulLeases); // the 15 taken first, the dear, the cheap
        Assert.Equal(1, _limiter.GetStatistics()!.TotalFailedLeases);       // the newcomer
    }

    [Fact]
    public async Task AcquireAsync_Cancelled_LeavesTheQueueAndTheNextWaiterIsServed()
    {
        Assert.True(_limiter.AttemptAcquire(15).IsAcquired);
        using var cancel = new CancellationTokenSource();
        var cancelled = _limiter.AcquireAsync(10, cancel.Token).AsTask();
        var next = _limiter.AcquireAsync(1).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, _limiter.GetStatistics()!.CurrentQueuedCount);
        _time.Advance(TimeSpan.FromSeconds(3.1));
        using var lease = await next.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void Acquire_CostAboveCapacity_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _limiter.AttemptAcquire(16));

    [Fact]
    public async Task Dispose_WhileWaiting_FailsTheWaiterRatherThanLeavingItHanging()
    {
        Assert.True(_limiter.AttemptAcquire(15).IsAcquired);
        var held = _limiter.AcquireAsync(1).AsTask();

        _limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => held);
    }

    public void Dispose() => _limiter.Dispose();
}
