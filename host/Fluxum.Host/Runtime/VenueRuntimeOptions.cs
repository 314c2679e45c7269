using Fluxum.Host.Recording;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;

namespace Fluxum.Host.Runtime;

/// <summary>Everything needed to run one configured venue (the mode comes from <see cref="Context"/>).</summary>
internal sealed record VenueRuntimeOptions
{
    /// <summary>The loaded plugin.</summary>
    public required IExchangePlugin Plugin { get; init; }

    /// <summary>The venue's context (name, mode, endpoints, settings, credentials, REST transport, clock, loggers).</summary>
    public required VenueContext Context { get; init; }

    /// <summary>What to subscribe; a book channel's depth (<c>MarketChannel.Book(10)</c>) is the depth its books are kept to.</summary>
    public IReadOnlyList<Subscription> Subscriptions { get; init; } = [];

    /// <summary>Reconnects, backoff and watchdog.</summary>
    public ReconnectPolicy ReconnectPolicy { get; init; } = ReconnectPolicy.Default;

    /// <summary>Record every raw frame of this venue to this JSON-lines file (live and simulated modes).</summary>
    public string? RecordPath { get; init; }

    /// <summary>The recording to play in <see cref="VenueMode.Replay"/> mode.</summary>
    public string? ReplayPath { get; init; }

    /// <summary>How fast to replay.</summary>
    public ReplayPace ReplayPace { get; init; } = ReplayPace.AsFastAsPossible;

    /// <summary>
    /// Simulator settings for <see cref="VenueMode.Simulated"/>; by default the subscribed symbols on a free
    /// port with the context's clock and loggers.
    /// </summary>
    public SimulatorOptions? Simulator { get; init; }

    /// <summary>
    /// Open the authenticated connection for the real-time ledger when the venue has credentials and the
    /// plugin can stream the ledger (default true).
    /// </summary>
    public bool LedgerStream { get; init; } = true;

    /// <summary>Where a relay venue's data comes from (<c>mode: relay</c>); null for every other venue.</summary>
    public Configuration.RelayConfig? Relay { get; init; }

    /// <summary>Pacing of book-sync strategy (b) for a venue that declares it; null for the defaults.</summary>
    public Books.RestSnapshotSyncOptions? RestSnapshotSync { get; init; }
}
