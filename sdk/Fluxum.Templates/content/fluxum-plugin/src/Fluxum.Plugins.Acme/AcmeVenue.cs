using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Acme;

/// <summary>
/// One configured Acme venue, created once per venue in <c>fluxum.yaml</c>: it owns the venue's state (here its
/// symbol map) and declares, once, what the venue offers. Everything the host checks derives from <see cref="Capabilities"/>.
/// </summary>
internal sealed class AcmeVenue : IVenueAdapter
{
    /// <summary>The candle intervals Acme serves.</summary>
    public static readonly IReadOnlyList<TimeSpan> CandleIntervals = [TimeSpan.FromMinutes(1)];

    private readonly VenueContext _context;

    public AcmeVenue(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var problems = new List<string>();
        foreach (var (name, uri) in context.Endpoints)
        {
            if (name != AcmeProtocol.WebSocketEndpoint || uri.Scheme is not ("ws" or "wss"))
            {
                problems.Add($"endpoints.{name}: '{uri}' is not valid here (known: {AcmeProtocol.WebSocketEndpoint}, a ws:// or wss:// address)");
            }
        }

        Problems = problems;
        foreach (var instrument in AcmeSimulator.Instruments)
        {
            Symbols.Add(AcmeProtocol.VenueName(instrument.Symbol), instrument.Symbol);
        }
    }

    /// <summary>Wire names (<c>BTC-USD</c>) to canonical symbols (<c>BTC/USD</c>) and back; unknown names resolve by the same rule.</summary>
    public SymbolMap Symbols { get; } = new(new SymbolMapOptions { Resolve = AcmeProtocol.CanonicalSymbol });

    public VenueCapabilities Capabilities { get; } = new()
    {
        Public =
        [
            new ChannelOffer(ChannelKind.Ticker),
            new ChannelOffer(ChannelKind.Trades),
            new ChannelOffer(ChannelKind.Ohlc) { Intervals = CandleIntervals },
            new ChannelOffer(ChannelKind.Book),
        ],
        BookSync = BookSync.Socket,
        BookRules = new BookRules
        {
            Sequence = SequenceRule.Contiguous,
            PreSnapshot = PreSnapshotPolicy.Discard,
            CheckCrossed = true,
        },
    };

    public IReadOnlyList<string> Problems { get; }

    public IMarketDataProtocol CreateProtocol(ConnectionKind kind) => kind == ConnectionKind.Public
        ? new AcmeProtocol(_context, Symbols)
        : throw new NotSupportedException("Acme has no authenticated connection");
}
