using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Sdk.Plugins;

/// <summary>How a venue is run.</summary>
public enum VenueMode
{
    /// <summary>The real exchange.</summary>
    Live,

    /// <summary>The plugin's simulator, started in-process, over real loopback sockets.</summary>
    Simulated,

    /// <summary>A recorded capture of raw frames.</summary>
    Replay,
}

/// <summary>Which connection of a venue a protocol instance serves.</summary>
public enum ConnectionKind
{
    /// <summary>Public market data.</summary>
    Public,

    /// <summary>The authenticated connection (ledger stream, balances, orders).</summary>
    Private,
}

/// <summary>Everything the host hands a plugin for one configured venue.</summary>
public sealed record VenueContext
{
    /// <summary>The venue name from <c>fluxum.yaml</c> (events carry it as <c>Venue</c>).</summary>
    public required string Venue { get; init; }

    /// <summary>How the venue is run.</summary>
    public VenueMode Mode { get; init; } = VenueMode.Live;

    /// <summary>
    /// Endpoint overrides by name (the plugin documents its names, e.g. <c>ws</c>, <c>ws_auth</c>,
    /// <c>rest</c>). In simulated mode the host fills these with the simulator's loopback addresses.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Plugin-specific settings from <c>fluxum.yaml</c> (e.g. <c>api: ws</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Credentials, or null when none are configured (public data only).</summary>
    public VenueCredentials? Credentials { get; init; }

    /// <summary>The host's REST transport.</summary>
    public required IRestTransport Rest { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Loggers.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>The endpoint named <paramref name="name"/>: the override if configured, else <paramref name="fallback"/>.</summary>
    public Uri Endpoint(string name, Uri fallback) => Endpoints.TryGetValue(name, out var uri) ? uri : fallback;

    /// <summary>The setting <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string Setting(string name, string fallback) => Settings.TryGetValue(name, out var v) ? v : fallback;
}
