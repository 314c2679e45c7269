using Fluxum.Plugins.Gemini.Fast;
using Fluxum.Plugins.Gemini.Ledger;
using Fluxum.Plugins.Gemini.Symbols;
using Fluxum.Plugins.Gemini.V2;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini;

/// <summary>
/// One configured Gemini venue: its API (new WebSocket API or market data v2), its symbol catalog (loaded from REST
/// once, shared by its connections) and the plugin's nonce source.
/// </summary>
internal sealed class GeminiVenue : IVenueAdapter
{
    private readonly VenueContext _context;
    private readonly NonceSource _nonces;
    private readonly GeminiSymbolCatalog _symbols = new();
    private readonly bool _v2;

    public GeminiVenue(VenueContext context, NonceSource nonces)
    {
        _context = context;
        _nonces = nonces;
        Problems = GeminiSettings.Problems(context);
        _v2 = GeminiSettings.Api(context) == GeminiSettings.ApiV2;
        Capabilities = new VenueCapabilities
        {
            // The new API has no candles; v2 has a fixed set of candle feeds.
            Public = _v2
                ? [Channel(ChannelKind.Book), Channel(ChannelKind.Trades), Channel(ChannelKind.Ticker), new ChannelOffer(ChannelKind.Ohlc) { Intervals = V2Feeds.CandleIntervals }]
                : [Channel(ChannelKind.Book), Channel(ChannelKind.Trades), Channel(ChannelKind.Ticker)],
            // Balance updates need the new API's authenticated connection (with credentials).
            Private = [new ChannelOffer(ChannelKind.Ledger) { NeedsSymbols = false }],
            Ledger = true,
            BookSync = BookSync.Socket,
            BookRules = _v2
                ? new BookRules { Sequence = SequenceRule.None, CheckCrossed = true, TruncateToSubscribedDepth = false }
                : new BookRules { Sequence = SequenceRule.Overlapping, CheckCrossed = true, TruncateToSubscribedDepth = false },
        };
    }

    public VenueCapabilities Capabilities { get; }

    public IReadOnlyList<string> Problems { get; }

    public IMarketDataProtocol CreateProtocol(ConnectionKind kind)
    {
        var env = new GeminiEnvironment(_context, _symbols, _nonces);
        return _v2 && kind == ConnectionKind.Public ? new GeminiV2Protocol(env) : new GeminiWsProtocol(env, kind);
    }

    public ILedgerClient CreateLedgerClient() =>
        new GeminiLedgerClient(new GeminiEnvironment(_context, _symbols, _nonces), GeminiSettings.LedgerSymbols(_context));

    private static ChannelOffer Channel(ChannelKind kind) => new(kind);
}
