using Fluxum.Plugins.Coinbase.Ledger;
using Fluxum.Plugins.Coinbase.Protocol;
using Fluxum.Plugins.Coinbase.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Coinbase;

/// <summary>One configured Coinbase venue: its settings, endpoints and what it offers.</summary>
internal sealed class CoinbaseVenue : IVenueAdapter
{
    /// <summary>The candle interval the candles channel serves: five-minute buckets (docs: Candles channel).</summary>
    public static readonly TimeSpan CandleInterval = TimeSpan.FromMinutes(5);

    private readonly VenueContext _context;

    public CoinbaseVenue(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var problems = new List<string>();
        foreach (var (name, uri) in context.Endpoints)
        {
            var ok = name switch
            {
                CoinbaseEndpoints.Ws => uri.Scheme is "ws" or "wss",
                CoinbaseEndpoints.Rest => uri.Scheme is "http" or "https",
                _ => false,
            };
            if (!ok)
            {
                problems.Add($"endpoints.{name}: '{uri}' is not valid here (known: ws, a ws:// or wss:// address; rest, an http:// or https:// address)");
            }
        }

        var status = context.Setting("status_channel", "false");
        if (status is not ("true" or "false"))
        {
            problems.Add($"status_channel: '{status}' is not true or false");
        }

        SubscribeStatus = status == "true";
        Problems = problems;
    }

    public bool SubscribeStatus { get; }

    public VenueCapabilities Capabilities { get; } = new()
    {
        Public =
        [
            new ChannelOffer(ChannelKind.Ticker),
            new ChannelOffer(ChannelKind.Trades),
            new ChannelOffer(ChannelKind.Ohlc) { Intervals = [CandleInterval] },
            new ChannelOffer(ChannelKind.Book),
        ],
        Ledger = true,
        BookSync = BookSync.SocketWithConnectionSequence,
        BookRules = new BookRules
        {
            Sequence = SequenceRule.None,
            PreSnapshot = PreSnapshotPolicy.Discard,
            CheckCrossed = true,
            // level2 streams the whole book whatever depth is tracked.
            TruncateToSubscribedDepth = false,
        },
    };

    public IReadOnlyList<string> Problems { get; }

    public IMarketDataProtocol CreateProtocol(ConnectionKind kind) => kind == ConnectionKind.Public
        ? new CoinbaseProtocol(_context, _context.Endpoint(CoinbaseEndpoints.Ws, CoinbaseEndpoints.LiveWs), SubscribeStatus)
        : throw new NotSupportedException("this plugin serves no authenticated connection");

    public ILedgerClient CreateLedgerClient()
    {
        if (_context.Credentials is null)
        {
            throw new VenueApiException(_context.Venue, VenueErrorKind.MissingCredentials, "the ledger needs an API key name and private key; none are configured");
        }

        var rest = new CoinbaseRestClient(_context.Rest, _context.Endpoint(CoinbaseEndpoints.Rest, CoinbaseEndpoints.LiveRest), _context.Credentials, _context.Venue, _context.Time);
        return new CoinbaseLedgerClient(rest, _context.Venue, _context.Time);
    }
}
