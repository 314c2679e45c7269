using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Sdk.Testing.Time;

/// <summary>
/// The fake clock for tests: a <see cref="FakeTimeProvider"/> that starts at a fixed, readable instant, so
/// timestamps in assertions and failure messages are the same on every run.
/// </summary>
public static class TestClock
{
    /// <summary>The instant every test clock and every builder default starts at: 2026-01-01 00:00:00 UTC.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <paramref name="start"/> (default <see cref="Start"/>) that only moves when advanced.</summary>
    public static FakeTimeProvider Create(DateTimeOffset? start = null) => new(start ?? Start);

    /// <summary>Moves the clock forward by <paramref name="milliseconds"/>, firing any timers that come due.</summary>
    public static FakeTimeProvider AdvanceMs(this FakeTimeProvider clock, int milliseconds)
    {
        ArgumentNullException.ThrowIfNull(clock);
        clock.Advance(TimeSpan.FromMilliseconds(milliseconds));
        return clock;
    }
}
