namespace Fluxum.Sdk.Simulation;

/// <summary>
/// A venue's side of a limit of N events in any rolling window, as a simulator enforces it (Kraken: 150 new
/// WebSocket connections per 10 minutes): <see cref="TryAdmit"/> admits an event while fewer than
/// <see cref="Count"/> were admitted in the last <see cref="Window"/>, and refuses it otherwise; a refused event
/// does not count toward the window. Thread-safe.
/// </summary>
public sealed class RollingWindowCounter
{
    private readonly TimeProvider _time;
    private readonly Queue<long> _admitted = new();
    private readonly long _windowTicks;
    private readonly Lock _gate = new();
    private long _refused;

    /// <summary>Creates an empty window.</summary>
    public RollingWindowCounter(int count, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        Count = count;
        Window = window;
        _time = time;
        _windowTicks = checked((long)Math.Ceiling(window.TotalSeconds * time.TimestampFrequency));
    }

    /// <summary>The most events admitted in one window.</summary>
    public int Count { get; }

    /// <summary>The rolling window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Events refused so far.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Admits one event now and returns true when fewer than <see cref="Count"/> were admitted in the last
    /// <see cref="Window"/>; otherwise refuses it and returns false. <paramref name="inWindow"/>: the events admitted
    /// in the window after this call.
    /// </summary>
    public bool TryAdmit(out int inWindow)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            while (_admitted.Count > 0 && now - _admitted.Peek() >= _windowTicks)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count >= Count)
            {
                inWindow = _admitted.Count;
                _refused++;
                return false;
            }

            _admitted.Enqueue(now);
            inWindow = _admitted.Count;
            return true;
        }
    }
}
