using System.Text.Json;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Plugins.Gemini.Symbols;
using Fluxum.Plugins.Gemini.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Gemini.Fast;

/// <summary>
/// Gemini's new WebSocket API (<c>wss://ws.gemini.com?snapshot=-1</c>): book ticker, differential depth with
/// the U/u chain checked by the book manager (Overlapping), trades, and for an authenticated private
/// connection the account's balance updates as ledger entries.
/// </summary>
internal sealed partial class GeminiWsProtocol : IMarketDataProtocol, IGuardedDecoder
{
    private readonly Lock _gate = new();
    private readonly GeminiEnvironment _env;
    private readonly ConnectionKind _kind;
    // Gemini writes a symbol in either case (btcusd in stream names, BTCUSD in v2 and REST): matched ignoring
    // ASCII case; a slot's venue name is kept in lower case (btcusd), as its stream names use it.
    private readonly SymbolMap _symbols = new(new SymbolMapOptions { Case = SymbolCase.IgnoreAsciiCase });
    private readonly LevelBuffer _levels = new();
    private readonly RequestTracker<PendingRequest> _requests = new();
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.OrdinalIgnoreCase);
    private WsSlot[] _slots = new WsSlot[8];
    private bool _ledger;

    public GeminiWsProtocol(GeminiEnvironment env, ConnectionKind kind)
    {
        _env = env;
        _kind = kind;
    }



    /// <summary>Application ping (the server's own WebSocket pings are answered by the socket).</summary>
    public TimeSpan? PingInterval => TimeSpan.FromSeconds(20);

    public async ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default)
    {
        await _env.Symbols.EnsureLoadedAsync(_env.Rest, cancellationToken).ConfigureAwait(false);
        var baseUri = _env.Endpoint(GeminiEndpoints.Ws);
        var builder = new UriBuilder(baseUri) { Query = string.IsNullOrEmpty(baseUri.Query) ? "snapshot=-1" : baseUri.Query.TrimStart('?') + "&snapshot=-1" };
        if (_kind != ConnectionKind.Private || _env.Context.Credentials is not { } credentials)
        {
            return new WebSocketEndpoint(builder.Uri);
        }

        // Signed upgrade headers, recomputed on every (re)connect with a fresh epoch-second nonce.
        var nonce = _env.NextWebSocketNonce();
        return new WebSocketEndpoint(builder.Uri) { Headers = GeminiSigner.WebSocketHeaders(credentials.ApiKey, credentials.ApiSecret, nonce) };
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected()
    {
        lock (_gate)
        {
            Array.Clear(_slots);
            _requests.Clear();
            _balances.Clear();
            _ledger = false;
        }

        return [];
    }

    public string? Validate(Subscription subscription)
    {
        // Channels and symbol counts are checked by the host against the venue's declared capabilities; what is
        // left is whether the venue lists the symbols, and that balance updates need credentials.
        if (subscription.Channel.Kind == ChannelKind.Ledger)
        {
            return _kind == ConnectionKind.Private && _env.Context.Credentials is not null
                ? null
                : "gemini balance updates need a private connection with an API key and secret";
        }

        return _env.Symbols.Problem(subscription.Symbols);
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => Encode(subscription, subscribe: true);

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => Encode(subscription, subscribe: false);

    /// <summary>Whether this connection still has the symbol's book subscribed (a resync would be sent for it); test observability.</summary>
    internal bool WantsBook(Symbol symbol)
    {
        lock (_gate)
        {
            var slot = _symbols.Find(symbol);
            return slot >= 0 && _slots[slot].Book;
        }
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeResync(Symbol symbol, MarketChannel bookChannel)
    {
        lock (_gate)
        {
            var slot = _symbols.Find(symbol);
            if (slot < 0 || !_slots[slot].Book)
            {
                return [];
            }

            if (_slots[slot].Depth == DepthState.AwaitingSnapshot)
            {
                // A snapshot is already on its way (subscribed, nothing received yet): resubscribing now would
                // only make that snapshot count as the old subscription's and wait for another one.
                return [];
            }

            // Unsubscribe and subscribe that one stream; frames until the unsubscribe's ack are the old
            // subscription's, the first depthUpdate after it is the fresh snapshot (snapshot=-1).
            _slots[slot].Depth = DepthState.Resyncing;
            var stream = WsStreams.For(ChannelKind.Book, _symbols.VenueName(slot));
            return
            [
                Request("unsubscribe", [stream], new PendingRequest("unsubscribe", bookChannel, [symbol], slot)),
                Request("subscribe", [stream], new PendingRequest("subscribe", bookChannel, [symbol])),
            ];
        }
    }

    public ReadOnlyMemory<byte> EncodePing()
    {
        lock (_gate)
        {
            return Request("ping", null, new PendingRequest("ping", null, []));
        }
    }

    private List<ReadOnlyMemory<byte>> Encode(Subscription subscription, bool subscribe)
    {
        var streams = new List<string>(subscription.Symbols.Count);
        lock (_gate)
        {
            var kind = subscription.Channel.Kind;
            if (kind == ChannelKind.Ledger)
            {
                if (_ledger != subscribe)
                {
                    _ledger = subscribe;
                    streams.Add(WsStreams.Balances);
                    streams.Add(WsStreams.Orders);
                }
            }
            else
            {
                foreach (var symbol in subscription.Symbols)
                {
                    var venue = _env.Symbols.Find(symbol) ?? throw new ArgumentException(_env.Symbols.Problem(symbol), nameof(subscription));

                    // The slot first: Slot may grow _slots, and `ref _slots[Slot(venue)]` would index the old array.
                    var slot = Slot(venue);
                    if (Change(ref _slots[slot], kind, subscribe))
                    {
                        streams.Add(WsStreams.For(kind, venue.Lower));
                    }
                }
            }

            var method = subscribe ? "subscribe" : "unsubscribe";
            return streams.Count == 0 ? [] : [Request(method, streams, new PendingRequest(method, subscription.Channel, subscription.Symbols))];
        }
    }

    private static bool Change(ref WsSlot slot, ChannelKind kind, bool subscribe)
    {
        var had = kind switch
        {
            ChannelKind.Book => slot.Book,
            ChannelKind.Trades => slot.Trades,
            ChannelKind.Ticker => slot.Ticker,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no stream on the new gemini API"),
        };
        if (had == subscribe)
        {
            return false;
        }

        switch (kind)
        {
            case ChannelKind.Book:
                slot.Book = subscribe;

                // Armed when SUBSCRIBE is sent, not on its ack: the snapshot arrives before the ack.
                slot.Depth = subscribe ? DepthState.AwaitingSnapshot : DepthState.None;
                break;
            case ChannelKind.Trades:
                slot.Trades = subscribe;
                break;
            default:
                slot.Ticker = subscribe;
                break;
        }

        return true;
    }

    private int Slot(VenueSymbol venue)
    {
        var slot = _symbols.Add(venue.Lower, venue.Symbol);
        if (slot >= _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        return slot;
    }

    private byte[] Request(string method, IReadOnlyList<string>? streams, PendingRequest pending)
    {
        var id = _requests.Add(pending);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            if (streams is not null)
            {
                writer.WriteStartArray("params");
                foreach (var s in streams)
                {
                    writer.WriteStringValue(s);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
