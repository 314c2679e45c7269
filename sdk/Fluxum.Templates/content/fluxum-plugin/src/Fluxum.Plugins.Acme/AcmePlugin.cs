using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Acme;

/// <summary>
/// The plugin's entry point: the host finds this one public class implementing <see cref="IExchangePlugin"/> in
/// <c>Fluxum.Plugins.Acme.dll</c>. It ships a simulator of its venue, so it also implements <see cref="ISimulatorProvider"/>.
/// </summary>
public sealed class AcmePlugin : IExchangePlugin, ISimulatorProvider
{
    /// <inheritdoc />
    public PluginDescriptor Descriptor { get; } = new("acme", typeof(AcmePlugin).Assembly.GetName().Version ?? new Version(1, 0))
    {
        Description = "Acme exchange: ticker, trades, 1m candles and sequenced full-depth books over one WebSocket",
    };

    /// <inheritdoc />
    public IReadOnlyList<SimulatedInstrument> SimulatedInstruments => AcmeSimulator.Instruments;

    /// <inheritdoc />
    public IVenueAdapter CreateVenue(VenueContext context) => new AcmeVenue(context);

    /// <inheritdoc />
    public IVenueSimulator CreateSimulator(SimulatorOptions options) => new AcmeSimulator(options);
}
