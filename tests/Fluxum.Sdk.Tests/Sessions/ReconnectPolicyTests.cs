using Fluxum.Sdk.Sessions;

namespace Fluxum.Sdk.Tests.Sessions;

public sealed class ReconnectPolicyTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(50, 30)]
    public void BackoffFor_Default_DoublesUpToTheCap(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ReconnectPolicy.Default.BackoffFor(attempt));
    }

    [Fact]
    public void BackoffFor_CustomPolicy_UsesItsFactorAndCap()
    {
        var policy = new ReconnectPolicy { InitialBackoff = TimeSpan.FromMilliseconds(100), Multiplier = 3, MaxBackoff = TimeSpan.FromSeconds(1) };

        Assert.Equal(TimeSpan.FromMilliseconds(300), policy.BackoffFor(2));
        Assert.Equal(TimeSpan.FromMilliseconds(900), policy.BackoffFor(3));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.BackoffFor(4));
    }

    [Fact]
    public void BackoffFor_AttemptBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectPolicy.Default.BackoffFor(0));
    }
}
