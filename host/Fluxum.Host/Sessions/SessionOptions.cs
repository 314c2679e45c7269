using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;

namespace Fluxum.Host.Sessions;

/// <summary>How a <see cref="VenueSession"/> runs.</summary>
internal sealed record SessionOptions
{
    /// <summary>Reconnect, backoff and watchdog settings.</summary>
    public ReconnectPolicy ReconnectPolicy { get; init; } = ReconnectPolicy.Default;

    /// <summary>Public or private connection (a private one passes through Authenticated).</summary>
    public ConnectionKind Kind { get; init; } = ConnectionKind.Public;

    /// <summary>
    /// What the venue declared it offers: every subscription is checked against it (for <see cref="Kind"/>) before the
    /// protocol is asked. Null only for sessions built by tests around a bare protocol (then nothing is checked here).
    /// </summary>
    public VenueCapabilities? Capabilities { get; init; }

    /// <summary>
    /// How long a connection's subscriptions may go without an acknowledgement or any data before the
    /// connection is declared broken and reconnected (zero or less: wait forever).
    /// </summary>
    public TimeSpan SubscribeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a clean close may take when disconnecting.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>State changes buffered per <see cref="ISession.StateChanges"/> consumer (oldest dropped beyond).</summary>
    public int StateBuffer { get; init; } = 256;

    /// <summary>The jitter's random source (seed it in tests).</summary>
    public Random Random { get; init; } = Random.Shared;
}
