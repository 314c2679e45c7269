using Fluxum.Host.Transport.RateLimits;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.Transport.RateLimits;

/// <summary>At most N admissions in any rolling window, slots handed out in call order; a fake clock.</summary>
public sealed class RollingWindowLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Reserve_UpToTheCount_AtOnce_TheNextWhenTheOldestAgesOut()
    {
        var limiter = new RollingWindowLimiter(3, TimeSpan.FromMinutes(10), _time);

        Assert.Equal(TimeSpan.Zero, limiter.Reserve());
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve());
        Assert.Equal(TimeSpan.Zero, limiter.Reserve());

        Assert.Equal(TimeSpan.FromMinutes(9), limiter.Reserve());   // the first (at 0) leaves the window at 10 min
        Assert.Equal(TimeSpan.FromMinutes(10), limiter.Reserve());  // then the two at 1 min, at 11 min
        Assert.Equal(TimeSpan.FromMinutes(10), limiter.Reserve());
        Assert.Equal(TimeSpan.FromMinutes(19), limiter.Reserve());  // behind the slot booked for 10 min
    }

    [Fact]
    public void Reserve_AfterAQuietWindow_AtOnceAgain()
    {
        var limiter = new RollingWindowLimiter(2, TimeSpan.FromSeconds(10), _time);
        limiter.Reserve();
        limiter.Reserve();
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.Reserve());

        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve());            // the two at 0 have aged out; the one at 10 s has not
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.Reserve());  // at 20 s, when the one at 10 s leaves

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, limiter.Reserve());
        Assert.Equal(TimeSpan.Zero, limiter.Reserve());
    }

    [Fact]
    public void Reserve_AnyWindow_NeverHoldsMoreThanTheCount()
    {
        // Connects at random moments, each admitted at its reserved slot: no window of 60 s may hold more than 5.
        var limiter = new RollingWindowLimiter(5, TimeSpan.FromSeconds(60), _time);
        var random = new Random(14);
        var admitted = new List<DateTimeOffset>();
        for (var i = 0; i < 200; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 20_000)));
            admitted.Add(_time.GetUtcNow() + limiter.Reserve());
        }

        admitted.Sort();
        for (var i = 5; i < admitted.Count; i++)
        {
            Assert.True(admitted[i] - admitted[i - 5] >= TimeSpan.FromSeconds(60), $"admissions {i - 5} and {i} are {admitted[i] - admitted[i - 5]} apart");
        }
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    public void Create_NotPositive_Throws(int count, int windowSeconds) =>
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RollingWindowLimiter(count, TimeSpan.FromSeconds(windowSeconds), _time));
}
