using Fluxum.Plugins.Gemini.Fast;
using Fluxum.Plugins.Gemini.Ledger;
using Fluxum.Plugins.Gemini.Simulator;
using Fluxum.Plugins.Gemini.Symbols;
using Fluxum.Plugins.Gemini.V2;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Gemini;

/// <summary>
/// Gemini: market data over the new WebSocket API (<c>api: ws</c>, default) or market data v2
/// (<c>api: v2</c>), the ledger over REST, and a wire-exact simulator.
/// Endpoints (by name): <c>ws</c>, <c>ws_v2</c>, <c>rest</c>. Settings: <c>api</c> (<c>ws</c> | <c>v2</c>),
/// <c>ledger_symbols</c> (comma-separated BASE/QUOTE list whose trades the ledger reads).
/// </summary>
public sealed class GeminiPlugin : IExchangePlugin, ILedgerProvider, ISimulatorProvider
{
    /// <summary>The venue name.</summary>
    public const string VenueName = "gemini";

    private readonly GeminiSymbolCatalog _symbols = new();
    private readonly Lock _gate = new();
    private NonceSource? _nonces;

    /// <inheritdoc />
    public PluginDescriptor Descriptor { get; } = new(
        VenueName,
        typeof(GeminiPlugin).Assembly.GetName().Version ?? new Version(1, 0, 0),
        SdkInfo.Version,
        PluginCapabilities.Ticker | PluginCapabilities.Trades | PluginCapabilities.Ohlc | PluginCapabilities.Book
            | PluginCapabilities.Ledger | PluginCapabilities.LedgerStream | PluginCapabilities.Simulator | PluginCapabilities.BookSequence)
    {
        Description = "Gemini: new WebSocket API (ws, default) or market data v2 (v2); ledger from REST transfers, trades and balances",
        Apis = [GeminiSettings.ApiWs, GeminiSettings.ApiV2],
    };

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(VenueContext context) => GeminiSettings.Problems(context);

    /// <inheritdoc />
    public IMarketDataProtocol CreateProtocol(VenueContext context, ConnectionKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        var env = new GeminiEnvironment(context, _symbols, Nonces(context));
        return GeminiSettings.Api(context) == GeminiSettings.ApiV2 && kind == ConnectionKind.Public
            ? new GeminiV2Protocol(env)
            : new GeminiWsProtocol(env, kind);
    }

    /// <inheritdoc />
    public ILedgerClient CreateLedgerClient(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new GeminiLedgerClient(new GeminiEnvironment(context, _symbols, Nonces(context)), GeminiSettings.LedgerSymbols(context));
    }

    /// <summary>One nonce source per plugin instance (one API key), on the first context's clock.</summary>
    private NonceSource Nonces(VenueContext context)
    {
        lock (_gate)
        {
            return _nonces ??= new NonceSource(context.Time);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SimulatedInstrument> SimulatedInstruments => GeminiSimInstruments.All;

    /// <inheritdoc />
    public IVenueSimulator CreateSimulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GeminiSimulator(options);
    }
}
