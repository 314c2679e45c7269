using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Sdk.Tests.Transport;

public sealed class MessagePacerTests
{
    [Fact]
    public void Wait_UpToTheLimitWithinASecond_IsZeroThenTheRestOfTheSecond()
    {
        var time = new FakeTimeProvider();
        var pacer = new MessagePacer(3, time);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, pacer.Wait());
            pacer.Sent();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // The 4th within the same second waits until the 1st is a second old (sent 300 ms ago).
        Assert.Equal(TimeSpan.FromMilliseconds(700), pacer.Wait());
        time.Advance(TimeSpan.FromMilliseconds(700));
        Assert.Equal(TimeSpan.Zero, pacer.Wait());
    }

    [Fact]
    public async Task PaceAsync_OverTheLimit_WaitsForTheWindowAndCountsTheDelayedMessage()
    {
        var time = new FakeTimeProvider();
        var pacer = new MessagePacer(2, time);
        await pacer.PaceAsync();
        await pacer.PaceAsync();

        var third = pacer.PaceAsync().AsTask();
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await third;

        // The first two are a second old now: one more may go at once, then the window is full for a second.
        Assert.Equal(1, pacer.Delayed);
        await pacer.PaceAsync();
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Wait());
        Assert.Equal(1, pacer.Delayed);
    }

    [Fact]
    public void Constructor_NonPositiveLimit_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessagePacer(0, TimeProvider.System));
}
