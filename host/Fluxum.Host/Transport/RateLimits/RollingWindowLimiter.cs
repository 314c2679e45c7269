namespace Fluxum.Host.Transport.RateLimits;

/// <summary>
/// At most <see cref="Count"/> admissions in any rolling <see cref="Window"/>, as a venue counting new connections
/// does. <see cref="Reserve"/> books the earliest moment the next admission fits (now, or when the oldest admission
/// of the window ages out of it) and says how long that is from now; the slots are handed out in call order, so
/// concurrent connects queue first come first served. Exact: it keeps the last <see cref="Count"/> slots. Thread-safe.
/// </summary>
/// <remarks>
/// A reserved slot stays booked when its caller gives up waiting (cancellation): the window errs on the side of
/// the venue's limit. Invariant: the slots are in ascending order, and while fewer than <see cref="Count"/> are
/// kept none of them lies in the future (a future slot is only booked when the window is full, and nothing ages
/// out before it).
/// </remarks>
internal sealed class RollingWindowLimiter
{
    private readonly TimeProvider _time;
    private readonly Queue<long> _slots;
    private readonly long _windowTicks;
    private readonly Lock _gate = new();

    /// <summary>Creates an empty window.</summary>
    public RollingWindowLimiter(int count, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        Count = count;
        Window = window;
        _time = time;
        _slots = new Queue<long>(Math.Min(count, 1024));
        _windowTicks = checked((long)Math.Ceiling(window.TotalSeconds * time.TimestampFrequency));
    }

    /// <summary>The most admissions in one window.</summary>
    public int Count { get; }

    /// <summary>The rolling window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Books the next admission and returns how long from now until it is due (zero: at once).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            while (_slots.Count > 0 && now - _slots.Peek() >= _windowTicks)
            {
                _slots.Dequeue();
            }

            var slot = now;
            if (_slots.Count == Count)
            {
                slot = Math.Max(now, _slots.Dequeue() + _windowTicks);
            }

            _slots.Enqueue(slot);
            return slot == now ? TimeSpan.Zero : _time.GetElapsedTime(now, slot);
        }
    }
}
