namespace Fluxum.Host.Operations;

/// <summary>
/// A fixed-bucket histogram of durations for the hot path: recording is one bucket search over 16 bounds and two
/// atomic adds (no lock, no allocation). Bounds 0.1 ms to 10 s in 1-2-5 steps, plus an overflow bucket; a negative
/// duration (a venue clock ahead of ours) counts in the first bucket and in <see cref="Negative"/>. Read by the
/// Prometheus exposition as cumulative buckets, a sum and a count.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>The upper bounds in seconds (the last bucket, beyond them, is +Inf).</summary>
    public static readonly double[] Bounds = [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

    private static readonly long[] BoundTicks = [.. Bounds.Select(b => (long)(b * TimeSpan.TicksPerSecond))];
    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _sumTicks;
    private long _negative;

    /// <summary>Records one duration.</summary>
    public void Record(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks < 0)
        {
            Interlocked.Increment(ref _negative);
            ticks = 0;
        }

        var bounds = BoundTicks;
        var i = 0;
        while (i < bounds.Length && ticks > bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumTicks, ticks);
    }

    /// <summary>Durations recorded.</summary>
    public long Count
    {
        get
        {
            long total = 0;
            foreach (ref readonly var c in _counts.AsSpan())
            {
                total += Volatile.Read(in c);
            }

            return total;
        }
    }

    /// <summary>Their sum in seconds (negative ones as zero).</summary>
    public double SumSeconds => (double)Interlocked.Read(ref _sumTicks) / TimeSpan.TicksPerSecond;

    /// <summary>Durations that were negative (the venue's clock ahead of ours).</summary>
    public long Negative => Interlocked.Read(ref _negative);

    /// <summary>Cumulative counts per bound (the last entry is +Inf: every duration).</summary>
    public long[] Cumulative()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return cumulative;
    }

    /// <summary>The duration below which <paramref name="quantile"/> of them fell, as the bucket's upper bound (null when empty or in the overflow).</summary>
    public double? Quantile(double quantile)
    {
        var cumulative = Cumulative();
        var total = cumulative[^1];
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        for (var i = 0; i < Bounds.Length; i++)
        {
            if (cumulative[i] >= rank)
            {
                return Bounds[i];
            }
        }

        return null;
    }
}
