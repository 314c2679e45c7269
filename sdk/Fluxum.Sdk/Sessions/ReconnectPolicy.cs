namespace Fluxum.Sdk.Sessions;

/// <summary>How a session reconnects after losing its connection.</summary>
public sealed record ReconnectPolicy
{
    /// <summary>A sensible default: 10 attempts, 1 s doubling to 30 s, 20 % jitter, 30 s watchdog.</summary>
    public static ReconnectPolicy Default { get; } = new();

    /// <summary>Attempts before the session goes <see cref="SessionPhase.Failed"/>; 0 retries forever.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Wait before the first attempt.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the wait.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Factor between consecutive waits.</summary>
    public double Multiplier { get; init; } = 2.0;

    /// <summary>Random spread of each wait, as a fraction (0.2 = ±20 %).</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>A connection that delivers nothing (no data, no heartbeat) for this long is treated as dead.</summary>
    public TimeSpan WatchdogTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before attempt <paramref name="attempt"/> (1-based), without jitter.</summary>
    public TimeSpan BackoffFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var ms = InitialBackoff.TotalMilliseconds * Math.Pow(Multiplier, attempt - 1);
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxBackoff.TotalMilliseconds));
    }
}
