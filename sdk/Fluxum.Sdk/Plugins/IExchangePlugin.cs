namespace Fluxum.Sdk.Plugins;

/// <summary>
/// A plugin's entry point. The host finds the one public, non-abstract type implementing this interface
/// with a parameterless constructor in the plugin assembly. A plugin that ships a simulator also implements
/// <see cref="ISimulatorProvider"/>.
/// </summary>
public interface IExchangePlugin
{
    /// <summary>Identity. Must not throw; a plugin that does is reported and skipped.</summary>
    PluginDescriptor Descriptor { get; }

    /// <summary>
    /// Creates the adapter for one configured venue, once per venue (and once more, offline, for each
    /// <c>fluxum config check</c>). It reads the venue's settings and owns that venue's state; it must not do I/O
    /// here (loading instruments belongs in <see cref="IMarketDataProtocol.ResolveEndpointAsync"/> or the like).
    /// Problems with the settings are reported in <see cref="IVenueAdapter.Problems"/>, not thrown.
    /// </summary>
    IVenueAdapter CreateVenue(VenueContext context);
}

/// <summary>A plugin that ships a simulator of its venue.</summary>
public interface ISimulatorProvider
{
    /// <summary>
    /// The instruments the simulator trades: its fixed instrument list, the same whatever it is asked to
    /// serve. Offline (no simulator is created), so the host can check a simulated venue's symbols.
    /// </summary>
    IReadOnlyList<SimulatedInstrument> SimulatedInstruments { get; }

    /// <summary>
    /// Whether the simulator has a load mode (<see cref="SimulatorOptions.Load"/>); false by default. A simulator
    /// without one refuses options that ask for it, and the host reports a config asking for it as an error.
    /// </summary>
    bool SupportsLoad => false;

    /// <summary>Creates (does not start) a simulator.</summary>
    /// <exception cref="NotSupportedException"><see cref="SimulatorOptions.Load"/> is set and <see cref="SupportsLoad"/> is false.</exception>
    IVenueSimulator CreateSimulator(SimulatorOptions options);
}
