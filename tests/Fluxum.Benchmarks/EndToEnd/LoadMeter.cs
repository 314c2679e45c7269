using System.Diagnostics;
using HdrHistogram;

namespace Fluxum.Benchmarks.EndToEnd;

/// <summary>
/// What one end-to-end run measured: frames the consumer got of those sent, over which window, at what CPU time and
/// allocation of this process, and the latency of each from the simulator's send stamp to the consumer's receipt.
/// </summary>
internal sealed record EndToEndResult(
    string Path,
    int Rate,
    int Connections,
    long Expected,
    long Delivered,
    double Seconds,
    double CpuSeconds,
    long AllocatedBytes,
    HistogramBase Latency,
    long QualityEvents)
{
    /// <summary>Book snapshots the hub replaced with a newer one before the consumer read them (by design, not lost: the consumer's next read is the newer book).</summary>
    public long Superseded { get; init; }

    /// <summary>Events the hub dropped for a consumer that fell a whole buffer behind (each reported as a gap).</summary>
    public long Dropped { get; init; }

    /// <summary>Reconnects of the sessions during the run (a receive buffer overflow, a dropped connection).</summary>
    public long Reconnects { get; init; }

    /// <summary>Frames the consumer got per second, over the window from its first to its last.</summary>
    public double DeliveredPerSecond => Seconds > 0 ? Delivered / Seconds : 0;

    /// <summary>Frames sent whose event never reached the consumer, not counting superseded book snapshots.</summary>
    public long Loss => Math.Max(0, Expected - Delivered - Superseded);

    /// <summary>Frames the path took per second: delivered to the consumer or superseded by a newer book on the way.</summary>
    public double ProcessedPerSecond => Seconds > 0 ? (Delivered + Superseded) / Seconds : 0;

    /// <summary>CPU time of this process per delivered frame, in microseconds.</summary>
    public double CpuMicrosPerMessage => Delivered > 0 ? CpuSeconds * 1e6 / Delivered : double.NaN;

    /// <summary>Bytes this process allocated per delivered frame.</summary>
    public double AllocatedPerMessage => Delivered > 0 ? (double)AllocatedBytes / Delivered : double.NaN;

    /// <summary>A latency percentile in microseconds.</summary>
    public double LatencyMicros(double percentile) => Latency.TotalCount == 0 ? double.NaN : Latency.GetValueAtPercentile(percentile) / 10.0;

    /// <summary>The largest latency in microseconds.</summary>
    public double MaxLatencyMicros => Latency.TotalCount == 0 ? double.NaN : Latency.GetMaxValue() / 10.0;
}

/// <summary>
/// Counts a run's frames across its consumers (threads), each recording latencies into a histogram of its own (100 ns
/// ticks, 3 significant digits, up to a minute), and notes the clock, CPU time and allocated bytes at the first and
/// at the last expected frame.
/// </summary>
internal sealed class LoadMeter
{
    private readonly List<LongHistogram> _histograms = [];
    private readonly long _expected;
    private long _count;
    private long _firstTimestamp;
    private long _lastTimestamp;
    private TimeSpan _firstCpu;
    private TimeSpan _lastCpu;
    private long _firstAllocated;
    private long _lastAllocated;
    private long _quality;

    public LoadMeter(long expected)
    {
        _expected = expected;
    }

    /// <summary>Frames counted so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Whether every expected frame arrived.</summary>
    public bool Complete => Count >= _expected;

    /// <summary>A histogram for one consumer to record into (only from that consumer's thread of control).</summary>
    public LongHistogram NewHistogram()
    {
        var histogram = new LongHistogram(TimeSpan.TicksPerMinute, 3);
        lock (_histograms)
        {
            _histograms.Add(histogram);
        }

        return histogram;
    }

    /// <summary>One frame arrived, stamped <paramref name="sent"/>: recorded now.</summary>
    public void Record(LongHistogram histogram, DateTimeOffset sent)
    {
        var latency = (DateTimeOffset.UtcNow - sent).Ticks;
        histogram.RecordValue(Math.Clamp(latency, 0, TimeSpan.TicksPerMinute));
        var n = Interlocked.Increment(ref _count);
        if (n == 1)
        {
            _firstTimestamp = Stopwatch.GetTimestamp();
            _firstCpu = Process.GetCurrentProcess().TotalProcessorTime;
            _firstAllocated = GC.GetTotalAllocatedBytes();
        }

        if (n <= _expected)
        {
            Volatile.Write(ref _lastTimestamp, Stopwatch.GetTimestamp());
        }

        if (n == _expected)
        {
            _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
            _lastAllocated = GC.GetTotalAllocatedBytes();
        }
    }

    /// <summary>A data-quality event (gap, stale book, checksum failure) seen during the run.</summary>
    public void Quality() => Interlocked.Increment(ref _quality);

    /// <summary>The run's result; call once every consumer is done.</summary>
    public EndToEndResult Result(string path, int rate, int connections)
    {
        if (!Complete && Count > 0)
        {
            // Frames were lost: the window ends at the last that came, and the CPU time is read now.
            _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
            _lastAllocated = GC.GetTotalAllocatedBytes();
        }

        var merged = new LongHistogram(TimeSpan.TicksPerMinute, 3);
        lock (_histograms)
        {
            foreach (var histogram in _histograms)
            {
                merged.Add(histogram);
            }
        }

        var seconds = Count > 1 ? Stopwatch.GetElapsedTime(_firstTimestamp, _lastTimestamp).TotalSeconds : 0;
        return new EndToEndResult(path, rate, connections, _expected, Math.Min(Count, _expected), seconds, (_lastCpu - _firstCpu).TotalSeconds, _lastAllocated - _firstAllocated, merged, Interlocked.Read(ref _quality));
    }
}
