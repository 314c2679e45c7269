using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Plugins.Gemini.Symbols;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini;

/// <summary>What a protocol or ledger client needs from the venue context and the plugin instance.</summary>
internal sealed class GeminiEnvironment
{
    private readonly Lock _nonceGate = new();
    private long _lastWebSocketNonce;

    public GeminiEnvironment(VenueContext context, GeminiSymbolCatalog symbols, NonceSource nonces)
    {
        Context = context;
        Symbols = symbols;
        Nonces = nonces;
        Rest = new GeminiRestClient(context.Rest, Endpoint(GeminiEndpoints.Rest), context.Credentials, nonces, context.Time, context.LoggerFactory.CreateLogger("Fluxum.Plugins.Gemini.Rest"), context.Venue);
        TickerStats = new GeminiTickerStats(Rest.GetAsync, context.Time, context.LoggerFactory.CreateLogger("Fluxum.Plugins.Gemini.Tickers"));
    }

    /// <summary>The 24-hour statistics the tickers carry, from REST.</summary>
    public GeminiTickerStats TickerStats { get; }

    public VenueContext Context { get; }

    public GeminiSymbolCatalog Symbols { get; }

    public NonceSource Nonces { get; }

    public GeminiRestClient Rest { get; }

    public TimeProvider Time => Context.Time;

    /// <summary>An epoch-second nonce for the new API's handshake, strictly increasing per plugin instance.</summary>
    public long NextWebSocketNonce()
    {
        lock (_nonceGate)
        {
            _lastWebSocketNonce = Math.Max(_lastWebSocketNonce + 1, Time.GetUtcNow().ToUnixTimeSeconds());
            return _lastWebSocketNonce;
        }
    }

    public Uri Endpoint(string name) => Context.Endpoint(name, GeminiEndpoints.Default(name));
}
