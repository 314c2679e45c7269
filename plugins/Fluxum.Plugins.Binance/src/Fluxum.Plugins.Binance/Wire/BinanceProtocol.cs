using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Binance.Wire;

/// <summary>
/// Binance Spot market streams (web-socket-streams.md), one instance per connection: it connects to the combined-stream
/// endpoint <c>/stream</c> (every payload wrapped as <c>{"stream":"&lt;name&gt;","data":&lt;payload&gt;}</c>) and adds
/// and removes streams with <c>{"method":"SUBSCRIBE","params":[...],"id":N}</c>, answered <c>{"result":null,"id":N}</c>.
/// </summary>
/// <remarks>
/// Keep-alive: the server sends a WebSocket ping frame every 20 seconds and expects a pong within a minute; a
/// WebSocket client (ClientWebSocket, the host's transport) answers ping frames itself, so there is no application
/// ping (<see cref="PingInterval"/> is null). A connection is valid for 24 hours; the server closes it then, and a
/// <c>serverShutdown</c> event warns of a close ahead: both end in a close the host reconnects after.
/// </remarks>
internal sealed partial class BinanceProtocol : IMarketDataProtocol, IGuardedDecoder
{
    /// <summary>The connection lifetime the docs state ("only valid for 24 hours").</summary>
    public static readonly TimeSpan DocumentedLifetime = TimeSpan.FromHours(24);

    private readonly VenueContext _context;
    private readonly SymbolMap _symbols;
    private readonly IReadOnlySet<Symbol>? _listed;
    private readonly RequestTracker<PendingRequest> _requests;
    private readonly List<LevelChange> _levels = [];
    private readonly Dictionary<Symbol, TickerState> _tickers = [];
    private readonly string _reportPrefix;
    private int _unanswered;

    /// <param name="context">The venue's context.</param>
    /// <param name="symbols">The venue's symbol map.</param>
    /// <param name="listed">The only symbols the venue lists (the simulator's instruments), or null when any well-formed one may exist.</param>
    public BinanceProtocol(VenueContext context, SymbolMap symbols, IReadOnlySet<Symbol>? listed)
    {
        _context = context;
        _symbols = symbols;
        _reportPrefix = context.Venue + ": ";
        _listed = listed;
        _requests = new RequestTracker<PendingRequest>(new RequestTrackerOptions { Timeout = TimeSpan.FromSeconds(30) }, context.Time);
    }

    /// <summary>
    /// A planned reconnect ahead of the documented 24-hour limit: 23 h 50 min, so the host closes and reopens the
    /// connection (and resubscribes) before the server drops it.
    /// </summary>
    public TimeSpan? MaxConnectionLifetime => DocumentedLifetime - TimeSpan.FromMinutes(10);

    /// <summary>
    /// 3: "WebSocket connections have a limit of 5 incoming messages per second", ping and pong frames included, and
    /// a connection over it is disconnected. The client's WebSocket sends up to two control frames in a second of its
    /// own (the pong to the server's ping every 20 s, and its keep-alive pong). Requests keep to 2, not the other 3: a
    /// second's messages go out back to back and can reach the server bunched with the next second's (seen on a loaded
    /// CI machine, where 3 + 3 arrived within one second and the simulator, like the venue, disconnected).
    /// </summary>
    public int? MaxMessagesPerSecond => 2;

    /// <summary>Null: the server pings (WebSocket ping frames) and the client's WebSocket answers them.</summary>
    public TimeSpan? PingInterval => null;

    public ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new WebSocketEndpoint(BinanceEndpoints.CombinedStream(_context.Endpoint(BinanceEndpoints.WebSocket, BinanceEndpoints.LiveWebSocket))) { ConnectionLimit = BinanceEndpoints.Connections(_context.Venue) });

    /// <summary>
    /// Requests sent and neither answered nor expired, kept beside the tracker so that a frame with none pending skips the
    /// tracker's lock (<see cref="ExpireUnanswered"/>). It may count high, never low: a request the tracker evicts at its
    /// bound stays counted (the lock is then taken per frame) until the next connection clears both.
    /// </summary>
    internal int UnansweredRequests => Volatile.Read(ref _unanswered);

    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected()
    {
        _requests.Clear();
        Volatile.Write(ref _unanswered, 0);
        _tickers.Clear();
        return [];
    }

    public string? Validate(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.Channel.Kind == ChannelKind.Ledger)
        {
            return "the ledger is read over REST, not streamed";
        }

        foreach (var symbol in subscription.Symbols)
        {
            if (_listed is not null ? !_listed.Contains(symbol) : BinanceSymbols.Resolve(BinanceSymbols.RestName(symbol)) != symbol)
            {
                return $"{symbol} is not a symbol Binance lists";
            }
        }

        return null;
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => [Encode("SUBSCRIBE", subscription, subscribe: true)];

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => [Encode("UNSUBSCRIBE", subscription, subscribe: false)];

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink) =>
        FrameGuard.Decode(this, frame, receivedAt, sink, _reportPrefix);

    /// <summary>Encodes one request: <c>{"method":"SUBSCRIBE","params":["btcusdt@trade",...],"id":N}</c>.</summary>
    private ReadOnlyMemory<byte> Encode(string method, Subscription subscription, bool subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var id = _requests.Add(new PendingRequest(subscription, subscribe));

        // After the tracker has it: a decode that sees the count sees the request.
        Interlocked.Increment(ref _unanswered);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method"u8, method);
            json.WriteStartArray("params"u8);
            foreach (var symbol in subscription.Symbols)
            {
                foreach (var name in BinanceStreams.Names(subscription.Channel, symbol))
                {
                    json.WriteStringValue(name);
                }
            }

            json.WriteEndArray();
            json.WriteNumber("id"u8, id);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A SUBSCRIBE or UNSUBSCRIBE awaiting its answer.</summary>
    private sealed record PendingRequest(Subscription Subscription, bool Subscribe);

    /// <summary>What the ticker channel last knew of a symbol: the best bid/ask of <c>@bookTicker</c>, the rest of <c>@ticker</c>.</summary>
    private sealed class TickerState
    {
        public bool HasBook;
        public decimal Bid, BidSize, Ask, AskSize;
        public bool HasStats;
        public decimal? Last, LastSize;
        public TickerExtras Extras = TickerExtras.None;
        public DateTimeOffset? StatsTime;
    }
}
