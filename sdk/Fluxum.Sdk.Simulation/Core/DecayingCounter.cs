namespace Fluxum.Sdk.Simulation;

/// <summary>
/// A venue's side of a decaying request counter, as a simulator enforces it: each accepted request raises the
/// counter by its cost, the counter falls continuously at a fixed rate, and a request that would lift it past the
/// capacity is refused and does not count. Kraken's REST call counter is this (Starter: 15, −0.33/s); a rate of N
/// requests a minute with a burst allowance B is capacity B, decay N / 60. Thread-safe.
/// </summary>
public sealed class DecayingCounter
{
    private const double Slack = 1e-9;

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _level;
    private long _stamp;
    private long _refused;

    /// <summary>Creates a counter at zero.</summary>
    public DecayingCounter(double capacity, double decayPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decayPerSecond);
        ArgumentNullException.ThrowIfNull(time);
        Capacity = capacity;
        DecayPerSecond = decayPerSecond;
        _time = time;
        _stamp = time.GetTimestamp();
    }

    /// <summary>The most the counter may hold.</summary>
    public double Capacity { get; }

    /// <summary>How fast the counter falls, per second.</summary>
    public double DecayPerSecond { get; }

    /// <summary>Requests refused so far.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The counter now.</summary>
    public double Level
    {
        get
        {
            lock (_gate)
            {
                Decay();
                return _level;
            }
        }
    }

    /// <summary>
    /// Raises the counter by <paramref name="cost"/> when that keeps it within the capacity and returns true, with
    /// the counter after the raise in <paramref name="level"/>; otherwise refuses (the counter unchanged, in
    /// <paramref name="level"/>) and returns false.
    /// </summary>
    public bool TryRaise(double cost, out double level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        lock (_gate)
        {
            Decay();
            if (_level + cost > Capacity + Slack)
            {
                level = _level;
                _refused++;
                return false;
            }

            _level += cost;
            level = _level;
            return true;
        }
    }

    private void Decay()
    {
        var now = _time.GetTimestamp();
        _level = Math.Max(0, _level - (_time.GetElapsedTime(_stamp, now).TotalSeconds * DecayPerSecond));
        _stamp = now;
    }
}
