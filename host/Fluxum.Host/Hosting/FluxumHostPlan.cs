using Fluxum.Host.Configuration;
using Fluxum.Host.Runtime;

namespace Fluxum.Host.Hosting;

/// <summary>
/// What one command's host runs: which venues (planned from the config), which scripts, and the
/// deployment's settings. <see cref="FluxumServices.AddFluxum"/> registers exactly this.
/// </summary>
internal sealed record FluxumHostPlan
{
    /// <summary>A host with only the shared services (config, plugins, loggers, clock): no venues, no scripts.</summary>
    public static FluxumHostPlan ServicesOnly { get; } = new();

    /// <summary>Selects and plans the venues to start; null starts no deployment at all.</summary>
    public Func<DeploymentPlanner, IReadOnlyList<VenueRuntimeOptions>>? Venues { get; init; }

    /// <summary>Scripts to compile at start (before anything connects) and run once the venues are up.</summary>
    public IReadOnlyList<ScriptConfig> Scripts { get; init; } = [];

    /// <summary>
    /// Whether the config's ledger store (<c>ledger:</c>) is opened: the live ledger entries are appended to it and
    /// the venues' <c>Ledger</c> queries read it (<c>run</c>, <c>script run</c>).
    /// </summary>
    public bool KeepsLedger { get; init; }

    /// <summary>Recording, hub and WebSocket settings of the deployment.</summary>
    public DeploymentOptions Deployment { get; init; } = DeploymentOptions.Default;

    /// <summary>Every configured venue, as configured.</summary>
    public static Func<DeploymentPlanner, IReadOnlyList<VenueRuntimeOptions>> AllVenues(FluxumConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return planner => [.. config.Venues.Select(v => planner.Plan(v))];
    }
}
