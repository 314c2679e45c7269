using Fluxum.Plugins.Coinbase.Simulator;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Coinbase;

/// <summary>
/// The entry point of the Coinbase Advanced Trade plugin: market data over the public WebSocket, balances and fills
/// over the signed REST API (JWT, ES256), and a wire-exact simulator of both.
/// </summary>
public sealed class CoinbasePlugin : IExchangePlugin, ISimulatorProvider
{
    /// <inheritdoc />
    public PluginDescriptor Descriptor { get; } = new("coinbase", typeof(CoinbasePlugin).Assembly.GetName().Version ?? new Version(1, 0))
    {
        Description = "Coinbase Advanced Trade: level2 books (connection sequence), trades, ticker, 5m candles; balances and fills over signed REST",
    };

    /// <inheritdoc />
    public IReadOnlyList<SimulatedInstrument> SimulatedInstruments => CoinbaseSimulator.Instruments;

    /// <inheritdoc />
    public IVenueAdapter CreateVenue(VenueContext context) => new CoinbaseVenue(context);

    /// <inheritdoc />
    public IVenueSimulator CreateSimulator(SimulatorOptions options) => new CoinbaseSimulator(options);
}
