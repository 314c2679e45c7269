namespace Fluxum.Host.Cli.Runners;

/// <summary><c>fluxum simulate</c>: serve a plugin's venue simulator on 127.0.0.1 until Ctrl+C.</summary>
/// <param name="Plugin">The plugin whose simulator runs (e.g. kraken).</param>
/// <param name="Port">Loopback port (0 picks a free one).</param>
/// <param name="Seed">Random seed, or null.</param>
/// <param name="ConfigPath">The config file (absolute) naming the plugin directories.</param>
/// <param name="Faults">A fault schedule (<see cref="Simulation.SimulatorFaultPlan"/>), or null for none.</param>
internal sealed record SimulateRequest(string Plugin, int Port, int? Seed, string ConfigPath, string? Faults = null)
{
    /// <summary>The load mode (<c>--load</c>), or null for the evolving market.</summary>
    public Sdk.Plugins.SimulatorLoad? Load { get; init; }
}
