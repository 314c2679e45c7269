namespace Fluxum.Sdk.Transport;

/// <summary>
/// A venue's documented limit on opening WebSocket connections, declared by its plugin on the
/// <see cref="WebSocketEndpoint"/>s it governs (<see cref="WebSocketEndpoint.ConnectionLimit"/>): at most
/// <paramref name="Connections"/> new connections in any rolling <paramref name="Window"/>. A connect that would be
/// one too many is held by the host until the oldest connection of the window has aged out of it, then opened: it
/// waits, it is never refused for the limit. Endpoints carrying equal limits (same venue, key, count and window)
/// share one window, so a venue's public and authenticated sockets both count when the venue limits per IP address.
/// </summary>
/// <remarks>
/// A rolling window rather than a decaying counter (<see cref="RestRateLimit"/>): a counter that decays by
/// <c>Connections / Window</c> lets up to twice <paramref name="Connections"/> through in one window (a full counter,
/// then its decay), which a venue counting in a rolling window would refuse.
/// </remarks>
/// <param name="Venue">The venue name (<see cref="Plugins.VenueContext.Venue"/>): limits are per configured venue.</param>
/// <param name="Key">Which of the venue's limits (e.g. <c>websocket</c>); named in the host's log and counters.</param>
/// <param name="Connections">The most connections opened in one window. Positive.</param>
/// <param name="Window">The rolling window. Positive.</param>
public sealed record ConnectionRateLimit(string Venue, string Key, int Connections, TimeSpan Window);
