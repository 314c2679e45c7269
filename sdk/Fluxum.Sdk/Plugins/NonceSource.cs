namespace Fluxum.Sdk.Plugins;

/// <summary>
/// Strictly increasing nonces for signed REST calls, derived from the clock (milliseconds since the Unix
/// epoch) but never repeating or going backwards, even when called many times per millisecond or when
/// the clock steps back. Thread-safe.
/// </summary>
public sealed class NonceSource
{
    private readonly TimeProvider _time;
    private long _last;

    /// <summary>Creates a nonce source over <paramref name="time"/>.</summary>
    public NonceSource(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The next nonce: larger than every nonce this instance returned before.</summary>
    public long Next()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _last);
            var candidate = Math.Max(last + 1, _time.GetUtcNow().ToUnixTimeMilliseconds());
            if (Interlocked.CompareExchange(ref _last, candidate, last) == last)
            {
                return candidate;
            }
        }
    }
}
