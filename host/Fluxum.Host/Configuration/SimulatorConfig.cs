using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Configuration;

/// <summary>Settings of a venue's simulator (<c>simulator: {port, seed, tick, load}</c>).</summary>
/// <param name="Port">Loopback port; 0 picks a free one.</param>
/// <param name="Seed">Random seed for reproducible data; null for a random one.</param>
/// <param name="Tick">How often the simulator produces data.</param>
internal sealed record SimulatorConfig(int Port, int? Seed, TimeSpan Tick)
{
    /// <summary>Port 0, no seed, 100 ms ticks.</summary>
    public static SimulatorConfig Default { get; } = new(0, null, TimeSpan.FromMilliseconds(100));

    /// <summary>The load mode (<c>load: {rate, messages, settle}</c>), or null for the evolving market.</summary>
    public SimulatorLoad? Load { get; init; }

    /// <summary>The SDK options for the venue's simulator (it trades its own fixed instrument list).</summary>
    public SimulatorOptions ToOptions() =>
        new() { Port = Port, Seed = Seed, TickInterval = Tick, Load = Load };
}
