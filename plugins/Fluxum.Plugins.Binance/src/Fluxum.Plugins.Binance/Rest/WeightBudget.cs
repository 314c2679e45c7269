namespace Fluxum.Plugins.Binance.Rest;

/// <summary>
/// A client-side budget of REST request weight, so the plugin never sends more than the venue's
/// <c>REQUEST_WEIGHT</c> limit (6000 per minute, enums.md) and backs off after a 429 or 418. Each request acquires its
/// documented weight first; the window is the clock's minute (the <c>X-MBX-USED-WEIGHT-1M</c> counter's interval). The
/// server's count for the IP (the header, which includes other clients of the same IP) raises ours when higher.
/// Thread-safe.
/// </summary>
/// <remarks>UNCONFIRMED: that the server's minute window is aligned to the clock's minute; the docs only name the interval.</remarks>
internal sealed class WeightBudget
{
    /// <summary>The documented limit: 6000 request weight per minute.</summary>
    public const int DocumentedLimit = 6000;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private long _windowStart;
    private int _used;
    private DateTimeOffset _blockedUntil;

    /// <param name="limit">The weight allowed per minute.</param>
    /// <param name="time">The clock.</param>
    /// <param name="maxWait">The longest a request waits for the budget; past that it is refused.</param>
    public WeightBudget(int limit = DocumentedLimit, TimeProvider? time = null, TimeSpan? maxWait = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
        _time = time ?? TimeProvider.System;
        MaxWait = maxWait ?? TimeSpan.FromSeconds(65);
    }

    /// <summary>The weight allowed per minute.</summary>
    public int Limit { get; }

    /// <summary>The longest a request waits for the budget.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>The weight used in the current minute, as far as this client knows.</summary>
    public int Used
    {
        get
        {
            lock (_gate)
            {
                Roll(_time.GetUtcNow());
                return _used;
            }
        }
    }

    /// <summary>Until when the venue told us to stop (a 429's or 418's Retry-After), if it did.</summary>
    public DateTimeOffset? BlockedUntil
    {
        get
        {
            lock (_gate)
            {
                return _blockedUntil > _time.GetUtcNow() ? _blockedUntil : null;
            }
        }
    }

    /// <summary>Takes <paramref name="weight"/> if the budget has it now; otherwise says how long to wait.</summary>
    public bool TryAcquire(int weight, out TimeSpan wait)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weight);
        if (weight > Limit)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"a request of weight {weight} can never fit a budget of {Limit} per minute");
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_blockedUntil > now)
            {
                wait = _blockedUntil - now;
                return false;
            }

            Roll(now);
            if (_used + weight <= Limit)
            {
                _used += weight;
                wait = TimeSpan.Zero;
                return true;
            }

            wait = TimeSpan.FromTicks(_windowStart + Window.Ticks - now.UtcTicks);
            return false;
        }
    }

    /// <summary>Waits until the budget has <paramref name="weight"/> and takes it; refuses when that would take longer than <see cref="MaxWait"/>.</summary>
    public async ValueTask AcquireAsync(int weight, CancellationToken cancellationToken = default)
    {
        while (!TryAcquire(weight, out var wait))
        {
            if (wait > MaxWait)
            {
                throw new WeightBudgetExhaustedException(wait);
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server's count for this minute (<c>X-MBX-USED-WEIGHT-1M</c>): ours is raised to it, never lowered.</summary>
    public void Observe(int usedByServer)
    {
        lock (_gate)
        {
            Roll(_time.GetUtcNow());
            _used = Math.Max(_used, Math.Min(usedByServer, Limit));
        }
    }

    /// <summary>A 429 or 418: nothing is sent before <paramref name="retryAfter"/> has passed (a whole window when not given).</summary>
    public void BackOff(TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + (retryAfter is { } r && r > TimeSpan.Zero ? r : Window);
            if (until > _blockedUntil)
            {
                _blockedUntil = until;
            }
        }
    }

    private void Roll(DateTimeOffset now)
    {
        var start = now.UtcTicks - (now.UtcTicks % Window.Ticks);
        if (start != _windowStart)
        {
            _windowStart = start;
            _used = 0;
        }
    }
}

/// <summary>The weight budget cannot serve a request soon enough (a long ban or Retry-After).</summary>
internal sealed class WeightBudgetExhaustedException(TimeSpan wait)
    : Exception($"the request-weight budget is blocked for {wait.TotalSeconds:0} s")
{
    /// <summary>How long the budget is blocked.</summary>
    public TimeSpan Wait { get; } = wait;
}
