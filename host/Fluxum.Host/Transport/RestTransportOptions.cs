namespace Fluxum.Host.Transport;

/// <summary>Settings of the REST transport's resilience pipeline.</summary>
internal sealed record RestTransportOptions
{
    /// <summary>The defaults: 10 s per attempt, 3 retries from 200 ms up to 5 s, Retry-After honoured up to 30 s.</summary>
    public static RestTransportOptions Default { get; } = new();

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of an idempotent request after a transient failure (5xx, 408, 429, network, timeout).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's wait (exponential with jitter after that).</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of a retry's wait.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest Retry-After the transport waits out; a longer one is returned to the caller as is.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);
}
