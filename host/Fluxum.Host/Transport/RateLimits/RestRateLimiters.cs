using System.Collections.Concurrent;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Transport.RateLimits;

/// <summary>
/// The host's side of the venues' declared client limits: one <see cref="DecayingCounterRateLimiter"/> per
/// distinct <see cref="RestRateLimit"/>, created on first use. <see cref="WaitAsync"/> holds an attempt until its
/// limit allows it; a held attempt is counted (<see cref="RestCounters.Delayed"/>, <see cref="RestCounters.DelayedTime"/>)
/// and the first hold of each venue and key is logged.
/// </summary>
internal sealed partial class RestRateLimiters(RestCounters counters, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<RestRateLimit, DecayingCounterRateLimiter> _limiters = new();
    private readonly ConcurrentDictionary<(string Venue, string Key), byte> _logged = new();
    private readonly Lock _create = new();

    /// <summary>The limiter of <paramref name="limit"/> (created on first use).</summary>
    public DecayingCounterRateLimiter For(RestRateLimit limit)
    {
        if (_limiters.TryGetValue(limit, out var existing))
        {
            return existing;
        }

        lock (_create)
        {
            return _limiters.GetOrAdd(limit, l => new DecayingCounterRateLimiter(l.Capacity, l.DecayPerSecond, time));
        }
    }

    /// <summary>Returns once <paramref name="request"/>'s limit allows one more attempt of its cost (at once when it has no limit).</summary>
    public async ValueTask WaitAsync(RestRequest request, string description, CancellationToken cancellationToken)
    {
        if (request.RateLimit is not { } limit)
        {
            return;
        }

        var limiter = For(limit);
        using (var now = limiter.AttemptAcquire(request.Cost))
        {
            if (now.IsAcquired)
            {
                return;
            }
        }

        counters.Delay();
        if (_logged.TryAdd((limit.Venue, limit.Key), 0))
        {
            LogHeld(logger, limit.Venue, limit.Key, description, limiter.WaitFor(request.Cost).TotalMilliseconds, limit.Capacity, limit.DecayPerSecond);
        }

        var start = time.GetTimestamp();
        try
        {
            using var lease = await limiter.AcquireAsync(request.Cost, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                throw new InvalidOperationException($"{description}: the {limit.Venue} {limit.Key} rate limiter refused a lease it should have queued");
            }
        }
        finally
        {
            counters.Waited(time.GetElapsedTime(start));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information,
        Message = "REST {Venue} {Key}: the venue's client limit (counter {Capacity}, decaying {DecayPerSecond}/s) holds {Request} for ~{WaitMs:0} ms before it is sent; later holds of this limit are counted (REST delayed), not logged")]
    private static partial void LogHeld(ILogger logger, string venue, string key, string request, double waitMs, double capacity, double decayPerSecond);
}
