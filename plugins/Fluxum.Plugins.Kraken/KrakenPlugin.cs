using System.Collections.Concurrent;
using Fluxum.Plugins.Kraken.Simulator;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Kraken;

/// <summary>
/// The Kraken plugin: spot market data over WebSocket v2 (ticker, trade, ohlc, book with CRC32 checks), the
/// account's ledger over REST and the balances channel, and a wire-exact simulator. Each configured venue gets its
/// own <see cref="KrakenVenue"/>.
/// </summary>
public sealed class KrakenPlugin : IExchangePlugin, ISimulatorProvider
{
    // Kraken wants nonces increasing per API key: every client of one key shares one source, across venues.
    private readonly ConcurrentDictionary<string, NonceSource> _nonces = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public PluginDescriptor Descriptor { get; } = new("kraken", new Version(1, 0, 0))
    {
        Description = "Kraken spot: WebSocket v2 (ticker, trade, ohlc, CRC32-checked book), ledger via REST and the balances channel",
        Apis = ["v2"],
    };

    /// <inheritdoc />
    public IVenueAdapter CreateVenue(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new KrakenVenue(context, _nonces.GetOrAdd(context.Credentials?.ApiKey ?? string.Empty, _ => new NonceSource(context.Time)));
    }

    /// <inheritdoc />
    public IReadOnlyList<SimulatedInstrument> SimulatedInstruments => KrakenSimInstruments.All;

    /// <inheritdoc />
    public IVenueSimulator CreateSimulator(SimulatorOptions options) => new KrakenSimulator(options);

    /// <inheritdoc />
    public bool SupportsLoad => true;
}
