using Fluxum.Plugins.Gemini.Simulator;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Gemini;

/// <summary>
/// Gemini: market data over the new WebSocket API (<c>api: ws</c>, default) or market data v2
/// (<c>api: v2</c>), the ledger over REST, and a wire-exact simulator. Each configured venue gets its own
/// <see cref="GeminiVenue"/>. Endpoints (by name): <c>ws</c>, <c>ws_v2</c>, <c>rest</c>. Settings: <c>api</c>
/// (<c>ws</c> | <c>v2</c>), <c>ledger_symbols</c> (comma-separated BASE/QUOTE list whose trades the ledger reads).
/// </summary>
public sealed class GeminiPlugin : IExchangePlugin, ISimulatorProvider
{
    /// <summary>The venue name.</summary>
    public const string VenueName = "gemini";

    private readonly Lock _gate = new();
    private NonceSource? _nonces;

    /// <inheritdoc />
    public PluginDescriptor Descriptor { get; } = new(VenueName, typeof(GeminiPlugin).Assembly.GetName().Version ?? new Version(1, 0, 0))
    {
        Description = "Gemini: new WebSocket API (ws, default) or market data v2 (v2); ledger from REST transfers, trades and balances",
        Apis = [GeminiSettings.ApiWs, GeminiSettings.ApiV2],
    };

    /// <inheritdoc />
    public IVenueAdapter CreateVenue(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new GeminiVenue(context, Nonces(context));
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
        if (options.Load is not null)
        {
            throw new NotSupportedException("the Gemini simulator has no load mode (simulator load:); the Kraken simulator has one");
        }

        return new GeminiSimulator(options);
    }
}
