using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Symbols;
using Fluxum.Plugins.Gemini.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Gemini.V2;

/// <summary>
/// Gemini market data v2 (<c>wss://api.gemini.com/v2/marketdata</c>): l2 books and trades, candles, heartbeats,
/// tickers derived from the book top and last trade. v2 has no sequence numbers, so every new connection
/// and every resubscribe rebuilds the book from a fresh initial message (a snapshot that replaces it).
/// </summary>
internal sealed partial class GeminiV2Protocol : IMarketDataProtocol, IGuardedDecoder
{
    private readonly Lock _gate = new();
    private readonly GeminiEnvironment _env;
    // Gemini writes a symbol in either case (btcusd in stream names, BTCUSD in v2 and REST): matched ignoring
    // ASCII case; a slot's venue name is kept in upper case (BTCUSD), as its subscriptions use it.
    private readonly SymbolMap _symbols = new(new SymbolMapOptions { Case = SymbolCase.IgnoreAsciiCase });
    private readonly LevelBuffer _levels = new();
    private V2Slot[] _slots = new V2Slot[8];

    public GeminiV2Protocol(GeminiEnvironment env) => _env = env;



    /// <summary>v2 sends heartbeats itself and has no ping message.</summary>
    public TimeSpan? PingInterval => null;

    public async ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default)
    {
        await _env.Symbols.EnsureLoadedAsync(_env.Rest, cancellationToken).ConfigureAwait(false);
        return new WebSocketEndpoint(_env.Endpoint(GeminiEndpoints.WsV2));
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected()
    {
        lock (_gate)
        {
            // A new connection: nothing is subscribed on it yet; the host replays its subscriptions, and each
            // symbol's first l2_updates will be a snapshot that replaces whatever the old connection built.
            Array.Clear(_slots);
        }

        return [];
    }

    public string? Validate(Subscription subscription)
    {
        // Channels, intervals and symbol counts are checked by the host against the venue's declared capabilities;
        // what is left is whether the venue lists the symbols.
        return _env.Symbols.Problem(subscription.Symbols);
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => Encode(subscription, subscribe: true);

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => Encode(subscription, subscribe: false);

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeResync(Symbol symbol, MarketChannel bookChannel)
    {
        lock (_gate)
        {
            var slot = _symbols.Find(symbol);
            if (slot < 0 || _slots[slot].Wants == L2Wants.None)
            {
                return [];
            }

            // v2 has no snapshot request: unsubscribe and subscribe again. Frames still in flight for the old
            // subscription carry no "trades" and are treated as changes to the (stale) book.
            _slots[slot].State = L2State.AwaitingResubscribe;
            var name = _symbols.VenueName(slot);
            return [Message("unsubscribe", V2Feeds.L2, [name]), Message("subscribe", V2Feeds.L2, [name])];
        }
    }

    private List<ReadOnlyMemory<byte>> Encode(Subscription subscription, bool subscribe)
    {
        var messages = new List<ReadOnlyMemory<byte>>(1);
        var names = new List<string>(subscription.Symbols.Count);
        lock (_gate)
        {
            var feed = subscription.Channel is { Kind: ChannelKind.Ohlc } ohlc ? V2Feeds.CandleFeed(ohlc.Interval) : V2Feeds.L2;
            if (feed is null)
            {
                throw new ArgumentException(Validate(subscription), nameof(subscription));
            }

            foreach (var symbol in subscription.Symbols)
            {
                var venue = _env.Symbols.Find(symbol) ?? throw new ArgumentException(_env.Symbols.Problem(symbol), nameof(subscription));
                var slot = Slot(venue);
                if (feed == V2Feeds.L2 ? ChangeL2(ref _slots[slot], subscription.Channel.Kind, subscribe, venue) : ChangeCandles(ref _slots[slot], feed, subscribe))
                {
                    names.Add(venue.Upper);
                }
            }

            if (names.Count > 0)
            {
                messages.Add(Message(subscribe ? "subscribe" : "unsubscribe", feed, names));
            }
        }

        return messages;
    }

    private bool ChangeL2(ref V2Slot slot, ChannelKind kind, bool subscribe, VenueSymbol venue)
    {
        var flag = kind switch
        {
            ChannelKind.Book => L2Wants.Book,
            ChannelKind.Trades => L2Wants.Trades,
            ChannelKind.Ticker => L2Wants.Ticker,
            _ => throw new ArgumentException($"gemini v2 cannot subscribe {kind}", nameof(kind)),
        };
        var had = slot.Wants != L2Wants.None;
        slot.Wants = subscribe ? slot.Wants | flag : slot.Wants & ~flag;
        if (flag == L2Wants.Ticker && subscribe)
        {
            slot.Top ??= new TopOfBook(venue.Symbol, venue.Lower, _env.TickerStats);
        }

        if (subscribe && !had)
        {
            slot.State = slot.WasUnsubscribed ? L2State.AwaitingResubscribe : L2State.AwaitingInitial;
            return true;
        }

        if (!subscribe && had && slot.Wants == L2Wants.None)
        {
            slot.State = L2State.None;
            slot.WasUnsubscribed = true;
            slot.Top = null;
            return true;
        }

        return false;
    }

    private static bool ChangeCandles(ref V2Slot slot, string feed, bool subscribe)
    {
        var bit = 1 << Array.FindIndex(V2Feeds.Candles, c => c.Name == feed);
        var had = (slot.CandleMask & bit) != 0;
        slot.CandleMask = subscribe ? slot.CandleMask | bit : slot.CandleMask & ~bit;
        return had != subscribe;
    }

    private int Slot(VenueSymbol venue)
    {
        var slot = _symbols.Add(venue.Upper, venue.Symbol);
        if (slot >= _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        return slot;
    }

    private static ReadOnlyMemory<byte> Message(string type, string feed, IReadOnlyList<string> symbols)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteStartArray("subscriptions");
            writer.WriteStartObject();
            writer.WriteString("name", feed);
            writer.WriteStartArray("symbols");
            foreach (var s in symbols)
            {
                writer.WriteStringValue(s);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    internal static string Text(ReadOnlyMemory<byte> message) => Encoding.UTF8.GetString(message.Span);
}
