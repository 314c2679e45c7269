using System.Collections.Concurrent;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Transport.RateLimits;

/// <summary>
/// The host's side of the venues' declared WebSocket connection limits (<see cref="WebSocketEndpoint.ConnectionLimit"/>):
/// one <see cref="RollingWindowLimiter"/> per distinct <see cref="ConnectionRateLimit"/>, created on first use.
/// <see cref="WaitAsync"/> holds a connect until its window allows it: never refused for the limit. Held connects
/// are counted per venue (<see cref="DelayedFor"/>, read by the meter as <c>fluxum.session.connects_delayed</c>) and
/// the first hold of each venue and key is logged (event 1102); later ones are only counted.
/// </summary>
internal sealed partial class ConnectionRateLimiters(TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<ConnectionRateLimit, RollingWindowLimiter> _limiters = new();
    private readonly ConcurrentDictionary<(string Venue, string Key), byte> _logged = new();
    private readonly ConcurrentDictionary<string, Counter> _delayed = new(StringComparer.Ordinal);

    /// <summary>Connects held so far, all venues.</summary>
    public long Delayed
    {
        get
        {
            var total = 0L;
            foreach (var counter in _delayed.Values)
            {
                total += counter.Value;
            }

            return total;
        }
    }

    /// <summary>Connects of <paramref name="venue"/> held so far.</summary>
    public long DelayedFor(string venue) => _delayed.TryGetValue(venue, out var counter) ? counter.Value : 0;

    /// <summary>Returns once <paramref name="endpoint"/>'s connection limit allows one more connect (at once when it declares none).</summary>
    public async ValueTask WaitAsync(WebSocketEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.ConnectionLimit is not { } limit)
        {
            return;
        }

        var limiter = _limiters.GetOrAdd(limit, static (l, t) => new RollingWindowLimiter(l.Connections, l.Window, t), time);
        var wait = limiter.Reserve();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        _delayed.GetOrAdd(limit.Venue, static _ => new Counter()).Increment();
        if (_logged.TryAdd((limit.Venue, limit.Key), 0))
        {
            LogHeld(logger, limit.Venue, limit.Key, endpoint.Uri.Authority, wait.TotalMilliseconds, limit.Connections, limit.Window);
        }

        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "WebSocket {Venue} {Key}: the venue's connection limit ({Connections} new connections per {Window}) holds the connect to {Authority} for ~{WaitMs:0} ms; later holds of this limit are counted (session connects delayed), not logged")]
    private static partial void LogHeld(ILogger logger, string venue, string key, string authority, double waitMs, int connections, TimeSpan window);

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
