using Fluxum.Plugins.Kraken.Ledger;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Plugins.Kraken.Simulator;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken;

/// <summary>
/// Kraken spot: WebSocket v2 market data with checksummed books, the ledger over REST and the
/// authenticated WebSocket, and a wire-exact simulator. Endpoint names: see <see cref="KrakenEndpoints"/>
/// (<c>ws</c>, <c>ws_auth</c>, <c>rest</c>). Settings: none required.
/// </summary>
public sealed class KrakenPlugin : IExchangePlugin, ILedgerProvider, ISimulatorProvider
{
    // Kraken wants nonces increasing per API key: every client of one key shares one source.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NonceSource> _nonces = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public PluginDescriptor Descriptor { get; } = new(
        "kraken",
        new Version(1, 0, 0),
        SdkInfo.Version,
        PluginCapabilities.Ticker | PluginCapabilities.Trades | PluginCapabilities.Ohlc | PluginCapabilities.Book
        | PluginCapabilities.BookChecksum | PluginCapabilities.Ledger | PluginCapabilities.LedgerStream | PluginCapabilities.Simulator)
    {
        Description = "Kraken spot: WebSocket v2 (ticker, trade, ohlc, CRC32-checked book), ledger via REST and the balances channel",
        Apis = ["v2"],
    };

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        foreach (var (name, uri) in context.Endpoints)
        {
            var ok = name switch
            {
                KrakenEndpoints.WebSocket or KrakenEndpoints.WebSocketAuth => uri.Scheme is "ws" or "wss",
                KrakenEndpoints.Rest => uri.Scheme is "http" or "https",
                _ => false,
            };
            if (!ok)
            {
                problems.Add($"endpoints.{name}: '{uri}' is not valid here (known names: ws and ws_auth take ws:// or wss://, rest takes http:// or https://)");
            }
        }

        var api = context.Setting("api", "v2");
        if (api != "v2")
        {
            problems.Add($"api: '{api}' is not supported: the Kraken plugin speaks WebSocket v2 only");
        }

        _ = Symbols.InstrumentSettings.Read(context.Settings, problems);
        return problems;
    }

    /// <inheritdoc />
    public IMarketDataProtocol CreateProtocol(VenueContext context, ConnectionKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rest = kind == ConnectionKind.Private && context.Credentials is not null ? new KrakenRestClient(context, Nonces(context)) : null;
        var shared = _venues.GetOrAdd(context.Venue, _ => new VenueBooks(context, new KrakenRestClient(context, Nonces(context))));
        return new KrakenProtocol(context, kind, rest, shared.Instruments, shared.Checksum, kind == ConnectionKind.Public ? shared.Pairs : null);
    }

    /// <inheritdoc />
    public ILedgerClient CreateLedgerClient(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new KrakenLedgerClient(context, new KrakenRestClient(context, Nonces(context)));
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, VenueBooks> _venues = new(StringComparer.Ordinal);

    private NonceSource Nonces(VenueContext context) =>
        _nonces.GetOrAdd(context.Credentials?.ApiKey ?? string.Empty, _ => new NonceSource(context.Time));

    /// <inheritdoc />
    public IReadOnlyList<SimulatedInstrument> SimulatedInstruments => KrakenSimInstruments.All;

    /// <inheritdoc />
    public IVenueSimulator CreateSimulator(SimulatorOptions options) => new KrakenSimulator(options);

    /// <summary>
    /// One venue's precisions and checksum, shared by all its connections. Precisions start from the
    /// <c>instruments</c> setting; in live and simulated mode REST AssetPairs replaces them before the first
    /// connection, and the instrument channel has the last word.
    /// </summary>
    private sealed class VenueBooks
    {
        public VenueBooks(VenueContext context, KrakenRestClient rest)
        {
            Checksum = new Books.KrakenChecksum(Instruments);
            foreach (var (symbol, precision) in Symbols.InstrumentSettings.Read(context.Settings, []))
            {
                Instruments.Set(symbol, precision);
            }

            if (context.Mode != VenueMode.Replay)
            {
                Pairs = new Symbols.AssetPairsLoader(context.Venue, rest, Instruments, context.LoggerFactory.CreateLogger("Fluxum.Plugins.Kraken.AssetPairs"));
            }
        }

        public Books.InstrumentTable Instruments { get; } = new();

        public Books.KrakenChecksum Checksum { get; }

        /// <summary>REST AssetPairs (live and simulated mode), or null.</summary>
        public Symbols.AssetPairsLoader? Pairs { get; }
    }
}
