using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Simulation.Tests.Core;

/// <summary>The venue side of N events per rolling window: refuses the one past N, a refusal does not count, the window rolls.</summary>
public sealed class RollingWindowCounterTests
{
    [Fact]
    public void TryAdmit_PastTheCount_RefusedAndNotCounted()
    {
        var clock = TestClock.Create();
        var window = new RollingWindowCounter(3, TimeSpan.FromMinutes(10), clock);

        Assert.True(window.TryAdmit(out _));
        Assert.True(window.TryAdmit(out _));
        Assert.True(window.TryAdmit(out var inWindow));
        Assert.Equal(3, inWindow);
        Assert.False(window.TryAdmit(out inWindow));
        Assert.False(window.TryAdmit(out _));

        Assert.Equal(3, inWindow);
        Assert.Equal(2, window.Refused);
    }

    [Fact]
    public void TryAdmit_OldestAgesOut_AdmittedOneByOne()
    {
        var clock = TestClock.Create();
        var window = new RollingWindowCounter(2, TimeSpan.FromSeconds(10), clock);
        Assert.True(window.TryAdmit(out _));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(window.TryAdmit(out _));

        clock.Advance(TimeSpan.FromSeconds(5.9)); // 9.9 s after the first: still in the window
        Assert.False(window.TryAdmit(out _));
        clock.Advance(TimeSpan.FromSeconds(0.1)); // 10 s: the first has left
        Assert.True(window.TryAdmit(out var inWindow));
        Assert.Equal(2, inWindow);
        Assert.False(window.TryAdmit(out _));     // the one at 4 s has not
    }

    [Fact]
    public void Create_NotPositive_Throws()
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RollingWindowCounter(0, TimeSpan.FromSeconds(1), TimeProvider.System));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RollingWindowCounter(1, TimeSpan.Zero, TimeProvider.System));
    }
}
