using Fluxum.Plugins.Kraken.Books;
using Fluxum.Plugins.Kraken.Ledger;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Plugins.Kraken.Symbols;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken;

/// <summary>
/// One configured Kraken venue: its instrument precisions (from settings, then REST AssetPairs), the checksum over
/// them that every connection's books are checked with, and the nonce source of its API key.
/// </summary>
internal sealed class KrakenVenue : IVenueAdapter
{
    private readonly VenueContext _context;
    private readonly NonceSource _nonces;
    private readonly AssetPairsLoader? _pairs;

    public KrakenVenue(VenueContext context, NonceSource nonces)
    {
        _context = context;
        _nonces = nonces;
        var problems = new List<string>();
        Validate(context, problems);
        foreach (var (symbol, precision) in InstrumentSettings.Read(context.Settings, problems))
        {
            Instruments.Set(symbol, precision);
        }

        Problems = problems;
        Checksum = new KrakenChecksum(Instruments);
        if (context.Mode != VenueMode.Replay)
        {
            _pairs = new AssetPairsLoader(context.Venue, new KrakenRestClient(context, nonces), Instruments, context.LoggerFactory.CreateLogger("Fluxum.Plugins.Kraken.AssetPairs"));
        }

        Capabilities = new VenueCapabilities
        {
            Public =
            [
                new ChannelOffer(ChannelKind.Ticker),
                new ChannelOffer(ChannelKind.Trades),
                new ChannelOffer(ChannelKind.Ohlc) { Intervals = [.. KrakenChannels.OhlcMinutes.Select(m => TimeSpan.FromMinutes(m))] },
                new ChannelOffer(ChannelKind.Book) { Depths = KrakenChannels.BookDepths },
            ],
            Private = [new ChannelOffer(ChannelKind.Ledger) { NeedsSymbols = false }],
            Ledger = true,
            BookSync = BookSync.Socket,
            BookRules = Rules(Checksum),
        };
    }

    /// <summary>Kraken's book rules: CRC32 checksums (no sequence numbers), frames before the snapshot discarded.</summary>
    public static BookRules Rules(KrakenChecksum checksum) => new()
    {
        Checksum = checksum,
        Sequence = SequenceRule.None,
        PreSnapshot = PreSnapshotPolicy.Discard,
        CheckCrossed = true,
        MinResyncInterval = TimeSpan.FromSeconds(1),
    };

    /// <summary>The venue's precisions, shared by all its connections (the checksum reads them).</summary>
    public InstrumentTable Instruments { get; } = new();

    /// <summary>The venue's checksum over <see cref="Instruments"/>.</summary>
    public KrakenChecksum Checksum { get; }

    public VenueCapabilities Capabilities { get; }

    public IReadOnlyList<string> Problems { get; }

    public IMarketDataProtocol CreateProtocol(ConnectionKind kind)
    {
        var rest = kind == ConnectionKind.Private && _context.Credentials is not null ? new KrakenRestClient(_context, _nonces) : null;
        return new KrakenProtocol(_context, kind, rest, Instruments, Checksum, kind == ConnectionKind.Public ? _pairs : null);
    }

    public ILedgerClient CreateLedgerClient() => new KrakenLedgerClient(_context, new KrakenRestClient(_context, _nonces));

    private static void Validate(VenueContext context, List<string> problems)
    {
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

        KrakenTier.Read(context.Settings, problems);
    }
}
