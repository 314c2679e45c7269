using System.Threading.RateLimiting;

namespace Fluxum.Host.Transport.RateLimits;

/// <summary>
/// A <see cref="RateLimiter"/> over a decaying counter (Kraken's REST "call counter"): each permit raises the
/// counter by one, the counter falls continuously at a fixed rate, and a request that would lift it past the
/// capacity waits, first come first served, until enough has decayed. Nothing is refused: the queue is unbounded.
/// A custom subclass rather than <see cref="TokenBucketRateLimiter"/> (the same behaviour with tokens = capacity −
/// counter) because the BCL bucket has no <see cref="TimeProvider"/> (its replenishment runs on a real timer, so
/// tests would have to sleep) and adds whole tokens per period, where Kraken's counter decays by 0.33 a second.
/// </summary>
internal sealed class DecayingCounterRateLimiter : RateLimiter
{
    private const double Slack = 1e-9;

    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private double _level;
    private long _stamp;
    private long _successful;
    private long _failed;
    private bool _disposed;

    /// <summary>Creates the limiter; the counter starts at zero.</summary>
    public DecayingCounterRateLimiter(double capacity, double decayPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decayPerSecond);
        Capacity = capacity;
        DecayPerSecond = decayPerSecond;
        _time = time;
        _stamp = time.GetTimestamp();
        _timer = time.CreateTimer(static state => ((DecayingCounterRateLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The most the counter may hold.</summary>
    public double Capacity { get; }

    /// <summary>How fast the counter falls, per second.</summary>
    public double DecayPerSecond { get; }

    /// <summary>The counter now (decayed to this moment).</summary>
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

    /// <inheritdoc />
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                Decay();
                return _queue.Count == 0 && _level == 0 ? TimeSpan.Zero : null;
            }
        }
    }

    /// <summary>How long a request of <paramref name="cost"/> would wait now, behind the requests already waiting.</summary>
    public TimeSpan WaitFor(int cost)
    {
        lock (_gate)
        {
            Decay();
            var queued = 0.0;
            foreach (var waiter in _queue)
            {
                queued += waiter.Cost;
            }

            return Seconds(_level + queued + cost - Capacity);
        }
    }

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Decay();
            var queued = 0L;
            foreach (var waiter in _queue)
            {
                queued += waiter.Cost;
            }

            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)Math.Floor(Capacity - _level + Slack),
                CurrentQueuedCount = queued,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Check(permitCount);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Decay();
            if (_queue.Count == 0 && Fits(permitCount))
            {
                _level += permitCount;
                _successful++;
                return Lease.Acquired;
            }

            _failed++;
            return Lease.Refused(Seconds(_level + permitCount - Capacity));
        }
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Check(permitCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Decay();
            if (_queue.Count == 0 && Fits(permitCount))
            {
                _level += permitCount;
                _successful++;
                return new ValueTask<RateLimitLease>(Lease.Acquired);
            }

            var waiter = new Waiter(permitCount) { Owner = this };
            waiter.Node = _queue.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Owner!.Cancel((Waiter)state!, token), waiter);
            }

            Schedule();
            return new ValueTask<RateLimitLease>(waiter.Completion.Task);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        List<Waiter> abandoned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            abandoned = [.. _queue];
            _queue.Clear();
        }

        _timer.Dispose();
        foreach (var waiter in abandoned)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(DecayingCounterRateLimiter), "the REST transport was disposed while the request waited for its rate limit"));
        }
    }

    private void Check(int permitCount)
    {
        if (permitCount < 0 || permitCount > Capacity + Slack)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"a request's cost must be between 0 and the limit's capacity {Capacity}");
        }
    }

    private bool Fits(int permitCount) => _level + permitCount <= Capacity + Slack;

    private TimeSpan Seconds(double excess) =>
        excess <= Slack ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Ceiling(excess / DecayPerSecond * 1000));

    private void Decay()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_stamp, now).TotalSeconds;
        _stamp = now;
        _level = Math.Max(0, _level - (elapsed * DecayPerSecond));
    }

    /// <summary>Arms the timer for the head of the queue (under the gate).</summary>
    private void Schedule()
    {
        if (_disposed)
        {
            return;
        }

        var wait = _queue.First is { } head ? Seconds(_level + head.Value.Cost - Capacity) : Timeout.InfiniteTimeSpan;
        _timer.Change(wait == TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer()
    {
        var granted = new List<Waiter>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Decay();
            while (_queue.First is { } head && Fits(head.Value.Cost))
            {
                _level += head.Value.Cost;
                _successful++;
                _queue.RemoveFirst();
                granted.Add(head.Value);
            }

            Schedule();
        }

        foreach (var waiter in granted)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(Lease.Acquired);
        }
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            Schedule();
        }

        waiter.Completion.TrySetCanceled(token);
    }

    private sealed class Waiter(int cost)
    {
        public int Cost { get; } = cost;

        public TaskCompletionSource<RateLimitLease> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public DecayingCounterRateLimiter? Owner { get; set; }

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease : RateLimitLease
    {
        private readonly TimeSpan? _retryAfter;

        private Lease(bool acquired, TimeSpan? retryAfter)
        {
            IsAcquired = acquired;
            _retryAfter = retryAfter;
        }

        public static Lease Acquired { get; } = new(true, null);

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
