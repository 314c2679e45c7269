using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Simulation.Tests.Core;

/// <summary>The venue side of a decaying call counter: refuses past its capacity, a refusal does not count.</summary>
public sealed class DecayingCounterTests
{
    [Fact]
    public void TryRaise_PastCapacity_RefusedAndNotCounted()
    {
        var counter = new DecayingCounter(15, 0.33, TestClock.Create());
        for (var i = 0; i < 7; i++)
        {
            Assert.True(counter.TryRaise(2, out _));
        }

        Assert.False(counter.TryRaise(2, out var level));
        Assert.Equal(14, level, 9);
        Assert.True(counter.TryRaise(1, out level));
        Assert.Equal(15, level, 9);
        Assert.Equal(1, counter.Refused);
    }

    [Fact]
    public void TryRaise_AfterDecay_AcceptedAgain()
    {
        var clock = TestClock.Create();
        var counter = new DecayingCounter(15, 0.33, clock);
        Assert.True(counter.TryRaise(15, out _));

        clock.AdvanceMs(3000); // 0.99 decayed
        Assert.False(counter.TryRaise(1, out _));
        clock.AdvanceMs(31);   // 1.00023
        Assert.True(counter.TryRaise(1, out _));
        clock.AdvanceMs(1_000_000);
        Assert.Equal(0, counter.Level);
    }
}
