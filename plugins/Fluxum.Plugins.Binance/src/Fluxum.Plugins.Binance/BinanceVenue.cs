using System.Globalization;
using System.Text.Json;
using Fluxum.Plugins.Binance.Ledger;
using Fluxum.Plugins.Binance.Rest;
using Fluxum.Plugins.Binance.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Binance;

/// <summary>
/// One configured Binance Spot venue: its symbol map, REST client and weight budget, and what it offers. Books are
/// synced by strategy (b): the host buffers the <c>@depth@100ms</c> diffs and stitches them to
/// <see cref="FetchBookSnapshotAsync"/> by update id.
/// </summary>
internal sealed class BinanceVenue : IVenueAdapter
{
    /// <summary>The instruments the plugin knows without asking the venue (and the only ones a simulated venue lists).</summary>
    public static readonly IReadOnlyList<Symbol> KnownSymbols = [Symbol.Parse("BTC/USDT"), Symbol.Parse("ETH/USDT")];

    private readonly VenueContext _context;
    private readonly SymbolMap _symbols;
    private readonly IReadOnlySet<Symbol>? _listed;

    public BinanceVenue(VenueContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var problems = new List<string>();
        foreach (var (name, uri) in context.Endpoints)
        {
            var ok = name switch
            {
                BinanceEndpoints.WebSocket => uri.Scheme is "ws" or "wss",
                BinanceEndpoints.Rest => uri.Scheme is "http" or "https",
                _ => false,
            };
            if (!ok)
            {
                problems.Add($"endpoints.{name}: '{uri}' is not valid here (known: ws, a ws:// or wss:// address; rest, an http:// or https:// address)");
            }
        }

        Problems = problems;
        _symbols = BinanceSymbols.CreateMap(KnownSymbols);
        _listed = context.Mode == VenueMode.Simulated ? KnownSymbols.ToHashSet() : null;
        Rest = new BinanceRestClient(context, new WeightBudget(WeightBudget.DocumentedLimit, context.Time));
    }

    public BinanceRestClient Rest { get; }

    public VenueCapabilities Capabilities { get; } = new()
    {
        Public =
        [
            new ChannelOffer(ChannelKind.Ticker),
            new ChannelOffer(ChannelKind.Trades),
            new ChannelOffer(ChannelKind.Ohlc) { Intervals = BinanceStreams.KlineIntervals },
            new ChannelOffer(ChannelKind.Book),
        ],
        Ledger = true,
        BookSync = BookSync.RestSnapshot,
        BookRules = new BookRules
        {
            Sequence = SequenceRule.Contiguous,
            PreSnapshot = PreSnapshotPolicy.Buffer,
            CheckCrossed = true,
            TruncateToSubscribedDepth = false,
        },
    };

    public IReadOnlyList<string> Problems { get; }

    public IMarketDataProtocol CreateProtocol(ConnectionKind kind) => kind == ConnectionKind.Public
        ? new BinanceProtocol(_context, _symbols, _listed)
        : throw new NotSupportedException("Binance market streams have no authenticated connection here");

    public ILedgerClient CreateLedgerClient() => new BinanceLedgerClient(_context, Rest, KnownSymbols);

    /// <summary><c>GET /api/v3/depth?symbol=BTCUSDT&amp;limit=N</c>, N the top of the weight tier holding <paramref name="depth"/>.</summary>
    public async ValueTask<BookSnapshot> FetchBookSnapshotAsync(Symbol symbol, int depth, CancellationToken cancellationToken)
    {
        var limit = BinanceRestClient.DepthLimit(depth);
        var body = await Rest.GetAsync($"/api/v3/depth?symbol={BinanceSymbols.RestName(symbol)}&limit={limit.ToString(CultureInfo.InvariantCulture)}", BinanceRestClient.DepthWeight(limit), cancellationToken).ConfigureAwait(false);
        return ParseSnapshot(_context.Venue, symbol, body.Span, _context.Time.GetUtcNow());
    }

    /// <summary>Parses <c>{"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[...]}</c>.</summary>
    internal static BookSnapshot ParseSnapshot(string venue, Symbol symbol, ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var reader = new Utf8JsonReader(body);
        long? lastUpdateId = null;
        var bids = new List<BookLevel>();
        var asks = new List<BookLevel>();
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a depth snapshot is an object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("lastUpdateId"u8))
            {
                reader.Read();
                lastUpdateId = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("asks"u8))
            {
                var side = reader.ValueTextEquals("bids"u8) ? bids : asks;
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                {
                    reader.Read();
                    if (Utf8Decimal.Read(ref reader, out var price) != DecimalParseError.None)
                    {
                        throw new JsonException("a bad price");
                    }

                    reader.Read();
                    if (Utf8Decimal.Read(ref reader, out var size) != DecimalParseError.None)
                    {
                        throw new JsonException("a bad quantity");
                    }

                    reader.Read();
                    side.Add(new BookLevel(price, size));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new BookSnapshot
        {
            Venue = venue,
            Symbol = symbol,
            Bids = bids,
            Asks = asks,
            Sequence = lastUpdateId ?? throw new JsonException("a depth snapshot needs lastUpdateId"),
            ReceivedAt = receivedAt,
        };
    }
}
