using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Configuration;

/// <summary>One venue of the deployment (<c>venues.NAME</c>).</summary>
internal sealed record VenueConfig
{
    /// <summary>The venue name (the YAML key).</summary>
    public required string Name { get; init; }

    /// <summary>The plugin's name in the catalog.</summary>
    public required string Plugin { get; init; }

    /// <summary>Live, simulated or replay (a relay venue: live, with <see cref="Relay"/> set).</summary>
    public required VenueMode Mode { get; init; }

    /// <summary>Where a <c>mode: relay</c> venue's data comes from; null for every other mode.</summary>
    public RelayConfig? Relay { get; init; }

    /// <summary>The mode as written: <c>live</c>, <c>simulated</c>, <c>replay</c> or <c>relay</c>.</summary>
    public string ModeName => Relay is not null ? "relay" : Mode.ToString().ToLowerInvariant();

    /// <summary>Plugin settings (<c>settings:</c> plus <c>api</c>), as <see cref="VenueContext.Settings"/> expects them.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Endpoint overrides by name, as <see cref="VenueContext.Endpoints"/> expects them.</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; init; } = new Dictionary<string, Uri>();

    /// <summary>Environment-variable names of the credentials, or null when none are configured.</summary>
    public CredentialsConfig? Credentials { get; init; }

    /// <summary>Replay source; set when <see cref="Mode"/> is replay.</summary>
    public ReplayConfig? Replay { get; init; }

    /// <summary>File to record raw frames to (absolute), or null.</summary>
    public string? RecordPath { get; init; }

    /// <summary>Simulator settings (used in simulated mode).</summary>
    public SimulatorConfig Simulator { get; init; } = SimulatorConfig.Default;

    /// <summary>What to subscribe: one SDK subscription per channel, with its symbols.</summary>
    public IReadOnlyList<Subscription> Subscriptions { get; init; } = [];

    /// <summary>Each subscribed symbol as written, with its key path (<c>venues.NAME.subscriptions[0].symbols[1]</c>).</summary>
    public IReadOnlyList<(Sdk.Symbol Symbol, string Path)> SymbolPaths { get; init; } = [];

    /// <summary>Every symbol subscribed on any channel, sorted (e.g. for the simulator).</summary>
    public IReadOnlyList<Sdk.Symbol> Symbols =>
        [.. Subscriptions.SelectMany(s => s.Symbols).Distinct().Order()];
}
