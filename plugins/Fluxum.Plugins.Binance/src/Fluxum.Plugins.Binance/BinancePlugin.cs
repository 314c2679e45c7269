using Fluxum.Plugins.Binance.Simulator;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Binance;

/// <summary>
/// The Binance Spot plugin's entry point: market streams over one combined-stream WebSocket, books synced from a REST
/// snapshot stitched to the diff stream (strategy b), and the account's balances and trades over signed REST. It ships
/// a wire-exact simulator of the venue.
/// </summary>
public sealed class BinancePlugin : IExchangePlugin, ISimulatorProvider
{
    /// <inheritdoc />
    public PluginDescriptor Descriptor { get; } = new("binance", typeof(BinancePlugin).Assembly.GetName().Version ?? new Version(1, 0))
    {
        Description = "Binance Spot: trades, tickers (bookTicker + 24h ticker), klines and diff-depth books synced from REST snapshots; balances and trades over signed REST",
    };

    /// <inheritdoc />
    public IReadOnlyList<SimulatedInstrument> SimulatedInstruments => BinanceSimulator.Instruments;

    /// <inheritdoc />
    public IVenueAdapter CreateVenue(VenueContext context) => new BinanceVenue(context);

    /// <inheritdoc />
    public IVenueSimulator CreateSimulator(SimulatorOptions options) => new BinanceSimulator(options);
}
