using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Gemini.Rest;

/// <summary>
/// Gemini's documented REST rate limits (developer.gemini.com, "Rate Limits"): public entry points 120 requests a
/// minute (1 a second recommended), private entry points 600 a minute (5 a second recommended). Past the rate the
/// venue queues a burst of five more, delayed, and answers anything beyond with HTTP 429. The client declares the
/// rate with one second's worth of headroom (2 public, 10 private) and never leans on the burst; the simulator
/// enforces the rate plus the burst (<see cref="VenueBurst"/>).
/// </summary>
internal static class GeminiRateLimits
{
    /// <summary>Public requests a minute.</summary>
    public const double PublicPerMinute = 120;

    /// <summary>Private requests a minute.</summary>
    public const double PrivatePerMinute = 600;

    /// <summary>The requests past the rate the venue queues (delayed) before it answers 429.</summary>
    public const double VenueBurst = 5;

    /// <summary>The public entry points' limit, as the client keeps it.</summary>
    public static RestRateLimit Public(string venue) => new(venue, "public", PublicPerMinute / 60, PublicPerMinute / 60);

    /// <summary>The private entry points' limit (per API key), as the client keeps it.</summary>
    public static RestRateLimit Private(string venue) => new(venue, "private", PrivatePerMinute / 60, PrivatePerMinute / 60);
}
