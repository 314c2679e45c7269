namespace Fluxum.Host.Transport;

/// <summary>Running totals of the host's REST traffic, every venue together: what an operator checks after a 429 or a 5xx.</summary>
internal sealed class RestCounters
{
    private long _attempts;
    private long _retries;
    private long _rateLimited;
    private long _serverErrors;
    private long _failures;
    private long _delayed;
    private long _delayedTicks;

    /// <summary>Each answered attempt's time from send to the whole answer read (attempts that got none are not timed).</summary>
    public Operations.LatencyHistogram Latency { get; } = new();

    /// <summary>HTTP attempts sent (each retry is one more).</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    /// <summary>Attempts the retry pipeline repeated.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Answers with HTTP 429 (rate limited).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Answers with an HTTP 5xx status.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Attempts that got no answer (connection refused or reset, timed out).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Attempts the host held back before sending because the venue's declared client limit was reached (each waited, none was refused).</summary>
    public long Delayed => Interlocked.Read(ref _delayed);

    /// <summary>The total time attempts were held back by venues' client limits.</summary>
    public TimeSpan DelayedTime => TimeSpan.FromTicks(Interlocked.Read(ref _delayedTicks));

    internal void Delay() => Interlocked.Increment(ref _delayed);

    internal void Waited(TimeSpan wait) => Interlocked.Add(ref _delayedTicks, wait.Ticks);

    internal void Attempt() => Interlocked.Increment(ref _attempts);

    internal void Retry() => Interlocked.Increment(ref _retries);

    internal void Failure() => Interlocked.Increment(ref _failures);

    internal void Answered(int status)
    {
        if (status == 429)
        {
            Interlocked.Increment(ref _rateLimited);
        }
        else if (status >= 500)
        {
            Interlocked.Increment(ref _serverErrors);
        }
    }
}
