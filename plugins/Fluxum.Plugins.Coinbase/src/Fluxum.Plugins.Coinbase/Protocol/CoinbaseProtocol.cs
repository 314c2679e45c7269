using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Coinbase.Protocol;

/// <summary>
/// The Advanced Trade market-data WebSocket, one instance per connection. Client messages are one channel each:
/// <c>{"type":"subscribe","product_ids":["BTC-USD"],"channel":"level2"}</c> (unsubscribe alike). Server messages share
/// the envelope <c>channel, client_id, timestamp, sequence_num, events</c>; <c>sequence_num</c> counts every message of
/// the connection, across channels, and is reported to the host (<see cref="IFrameSink.ConnectionSequence"/>).
/// </summary>
internal sealed partial class CoinbaseProtocol : IMarketDataProtocol, IGuardedDecoder
{
    private readonly VenueContext _context;
    private readonly Uri _endpoint;
    private readonly bool _subscribeStatus;
    private readonly SymbolMap _symbols = CoinbaseSymbols.CreateMap();
    private readonly List<LevelChange> _levels = [];
    private readonly Queue<Pending> _pending = new();
    private readonly Lock _gate = new();
    private readonly Utf8TimestampCache _stamps = new();
    private readonly string _reportPrefix;

    public CoinbaseProtocol(VenueContext context, Uri endpoint, bool subscribeStatus)
    {
        _context = context;
        _endpoint = endpoint;
        _subscribeStatus = subscribeStatus;
        _reportPrefix = context.Venue + ": ";
    }

    /// <summary>No client ping: the heartbeats channel, subscribed on connect, keeps the connection open.</summary>
    public TimeSpan? PingInterval => null;

    public ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new WebSocketEndpoint(_endpoint));

    /// <summary>
    /// Subscribes heartbeats first, so quiet channels stay open ("most channels close within 60-90 seconds if no
    /// updates are sent"), and it is the subscribe the venue wants within 5 s of connecting.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected()
    {
        lock (_gate)
        {
            _pending.Clear();
        }

        List<ReadOnlyMemory<byte>> messages = [Request("subscribe", "heartbeats", [], null)];
        if (_subscribeStatus)
        {
            messages.Add(Request("subscribe", "status", [], null));
        }

        return messages;
    }

    public string? Validate(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        foreach (var symbol in subscription.Symbols)
        {
            if (symbol.Base.Contains('-', StringComparison.Ordinal) || symbol.Quote.Contains('-', StringComparison.Ordinal))
            {
                return $"{symbol} cannot be written as a Coinbase product id (BASE-QUOTE)";
            }
        }

        return null;
    }

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => [Encode("subscribe", subscription)];

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => [Encode("unsubscribe", subscription)];

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink) =>
        FrameGuard.Decode(this, frame, receivedAt, sink, _reportPrefix);

    /// <summary>The wire name of a channel.</summary>
    public static string ChannelName(MarketChannel channel) => channel.Kind switch
    {
        ChannelKind.Ticker => "ticker",
        ChannelKind.Trades => "market_trades",
        ChannelKind.Ohlc => "candles",
        ChannelKind.Book => "level2",
        _ => throw new NotSupportedException($"Coinbase has no {channel} channel"),
    };

    /// <summary>One subscribe or unsubscribe message, fields in the documented order.</summary>
    public static byte[] Message(string type, string channel, IEnumerable<string> productIds)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type"u8, type);
            json.WriteStartArray("product_ids"u8);
            foreach (var id in productIds)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteString("channel"u8, channel);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private ReadOnlyMemory<byte> Encode(string type, Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Request(type, ChannelName(subscription.Channel), subscription.Symbols, subscription.Channel);
    }

    private byte[] Request(string type, string channel, IReadOnlyList<Symbol> symbols, MarketChannel? market)
    {
        lock (_gate)
        {
            // The venue answers every request, in order, with a subscriptions message (or an error).
            _pending.Enqueue(new Pending(type == "subscribe", market, symbols));
            if (_pending.Count > 1024)
            {
                _pending.Dequeue();
            }
        }

        return Message(type, channel, symbols.Select(CoinbaseSymbols.ProductId));
    }

    private Pending? NextPending()
    {
        lock (_gate)
        {
            return _pending.TryDequeue(out var pending) ? pending : null;
        }
    }

    private sealed record Pending(bool Subscribe, MarketChannel? Channel, IReadOnlyList<Symbol> Symbols);
}
