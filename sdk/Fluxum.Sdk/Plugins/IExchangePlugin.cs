using Fluxum.Sdk.Ledger;

namespace Fluxum.Sdk.Plugins;

/// <summary>
/// A plugin's entry point. The host finds the one public, non-abstract type implementing this interface
/// with a parameterless constructor in the plugin assembly. Optional abilities are separate interfaces
/// the same type may implement: <see cref="ILedgerProvider"/>, <see cref="ISimulatorProvider"/>.
/// </summary>
public interface IExchangePlugin
{
    /// <summary>Identity and capabilities. Must not throw; a plugin that does is reported and skipped.</summary>
    PluginDescriptor Descriptor { get; }

    /// <summary>
    /// Validates the venue's settings before anything connects. Returns the problems found, each as a
    /// message naming the setting (empty when all is well).
    /// </summary>
    IReadOnlyList<string> Validate(VenueContext context) => [];

    /// <summary>Creates the wire protocol for one connection. Called again for each new connection.</summary>
    IMarketDataProtocol CreateProtocol(VenueContext context, ConnectionKind kind);
}

/// <summary>A plugin that can query the account's ledger.</summary>
public interface ILedgerProvider
{
    /// <summary>Creates a ledger client for the venue (needs <see cref="VenueContext.Credentials"/>).</summary>
    ILedgerClient CreateLedgerClient(VenueContext context);
}

/// <summary>A plugin that ships a simulator of its venue.</summary>
public interface ISimulatorProvider
{
    /// <summary>
    /// The instruments the simulator trades: its fixed instrument list, the same whatever it is asked to
    /// serve. Offline (no simulator is created), so the host can check a simulated venue's symbols.
    /// </summary>
    IReadOnlyList<SimulatedInstrument> SimulatedInstruments { get; }

    /// <summary>Creates (does not start) a simulator.</summary>
    IVenueSimulator CreateSimulator(SimulatorOptions options);
}
