using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using static Fluxum.Sdk.Kit.JsonFrame;

namespace Fluxum.Plugins.Acme;

/// <summary>
/// Acme's WebSocket protocol, one instance per connection. The host calls it from one connection's loop at a time:
/// it encodes what to send and decodes what arrives into the sink it is handed, then returns (it never calls the host
/// back from inside <see cref="Decode"/> beyond the sink).
/// </summary>
/// <remarks>
/// Wire format (Acme's documentation): client messages <c>{"op":"subscribe","channel":"book","symbols":["BTC-USD"]}</c>
/// (channels <c>ticker</c>, <c>trades</c>, <c>candles</c> with <c>"interval":"1m"</c>, <c>book</c>), <c>unsubscribe</c>
/// alike, <c>{"op":"ping"}</c>. Server messages are objects whose first member is <c>type</c>: <c>subscribed</c>,
/// <c>unsubscribed</c>, <c>error</c>, <c>pong</c>, <c>heartbeat</c>, <c>ticker</c>, <c>trade</c>, <c>candle</c> and <c>book</c>
/// (a full-depth <c>snapshot</c> then updates with absolute sizes, "0" removing a level, and a per-symbol <c>seq</c> that
/// grows by one per message).
/// </remarks>
internal sealed class AcmeProtocol : IMarketDataProtocol, IGuardedDecoder
{
    /// <summary>The endpoint name the plugin reads (and its simulator serves).</summary>
    public const string WebSocketEndpoint = "ws";

    private static readonly Uri LiveEndpoint = new("wss://ws.acme.example/v1");
    private readonly VenueContext _context;
    private readonly SymbolMap _symbols;
    private readonly List<LevelChange> _levels = [];

    public AcmeProtocol(VenueContext context, SymbolMap symbols)
    {
        _context = context;
        _symbols = symbols;
    }

    public TimeSpan? PingInterval => TimeSpan.FromSeconds(15);

    /// <summary>Acme's wire name of a symbol: <c>BTC/USD</c> is <c>BTC-USD</c>.</summary>
    public static string VenueName(Symbol symbol) => $"{symbol.Base}-{symbol.Quote}";

    /// <summary>The canonical symbol of a wire name, or null when it is not <c>BASE-QUOTE</c>.</summary>
    public static Symbol? CanonicalSymbol(string venueName)
    {
        ArgumentNullException.ThrowIfNull(venueName);
        var dash = venueName.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < venueName.Length - 1 && Symbol.TryParse(venueName[..dash] + "/" + venueName[(dash + 1)..], out var symbol) ? symbol : null;
    }

    public ValueTask<WebSocketEndpoint> ResolveEndpointAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(new WebSocketEndpoint(_context.Endpoint(WebSocketEndpoint, LiveEndpoint)));

    public IReadOnlyList<ReadOnlyMemory<byte>> OnConnected() => [];

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeSubscribe(Subscription subscription) => [Encode("subscribe", subscription)];

    public IReadOnlyList<ReadOnlyMemory<byte>> EncodeUnsubscribe(Subscription subscription) => [Encode("unsubscribe", subscription)];

    public ReadOnlyMemory<byte> EncodePing() => """{"op":"ping"}"""u8.ToArray();

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink) =>
        FrameGuard.Decode(this, frame, receivedAt, sink, "acme: ");

    void IGuardedDecoder.Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution)
    {
        var reader = new Utf8JsonReader(frame);
        Expect(ref reader, JsonTokenType.StartObject);
        Expect(ref reader, JsonTokenType.PropertyName);
        if (!reader.ValueTextEquals("type"u8))
        {
            throw new JsonException("the first member is not \"type\"");
        }

        Expect(ref reader, JsonTokenType.String);
        var message = new Message(receivedAt);
        if (reader.ValueTextEquals("book"u8))
        {
            attribution = FrameAttribution.Unattributed;
            ReadBook(ref reader, ref message, ref attribution);
            var changes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_levels);
            sink.Book(new BookFrame(message.Symbol, message.Snapshot, changes, receivedAt) { ExchangeTime = message.Time, FirstSequence = message.Sequence, LastSequence = message.Sequence });
            return;
        }

        attribution = FrameAttribution.Other;
        var type = reader.GetString()!;
        ReadFields(ref reader, ref message);
        MarketEvent? decoded = type switch
        {
            "trade" => new Trade { Venue = _context.Venue, Symbol = Required(message.Symbol, "symbol"), Price = message.Price, Size = message.Size, TakerSide = message.Side, TradeId = message.Id, ExchangeTime = message.Time, ReceivedAt = receivedAt },
            "ticker" => new Ticker { Venue = _context.Venue, Symbol = Required(message.Symbol, "symbol"), Bid = message.Bid, BidSize = message.BidSize, Ask = message.Ask, AskSize = message.AskSize, Last = message.Last, ExchangeTime = message.Time, ReceivedAt = receivedAt },
            "candle" => new Ohlc { Venue = _context.Venue, Symbol = Required(message.Symbol, "symbol"), Interval = message.Interval, Start = message.Start, Open = message.Open, High = message.High, Low = message.Low, Close = message.Price, Volume = message.Size, IsClosed = message.Closed, ReceivedAt = receivedAt },
            "subscribed" or "unsubscribed" => new SubscriptionAck { Venue = _context.Venue, Channel = message.Channel ?? throw new JsonException("no channel"), Symbol = message.Symbol.IsEmpty ? null : message.Symbol, IsSubscribe = type == "subscribed", Success = true, ReceivedAt = receivedAt },
            "error" => new VenueError { Venue = _context.Venue, Message = message.Text ?? "error", Symbol = message.Symbol.IsEmpty ? null : message.Symbol, ReceivedAt = receivedAt },
            "heartbeat" or "pong" => new Heartbeat { Venue = _context.Venue, ReceivedAt = receivedAt },
            _ => null,
        };
        if (decoded is null)
        {
            sink.Malformed($"acme: unknown message type '{type}'", frame);
            return;
        }

        sink.Publish(decoded);
    }

    private static Symbol Required(Symbol symbol, string field) => symbol.IsEmpty ? throw new JsonException($"no {field}") : symbol;

    private static MarketChannel Channel(string name, TimeSpan interval) => name switch
    {
        "ticker" => MarketChannel.Ticker,
        "trades" => MarketChannel.Trades,
        "book" => MarketChannel.Book(null),
        "candles" => MarketChannel.Ohlc(interval == TimeSpan.Zero ? TimeSpan.FromMinutes(1) : interval),
        _ => throw new JsonException($"unknown channel '{name}'"),
    };

    private static ReadOnlyMemory<byte> Encode(string op, Subscription subscription)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("op"u8, op);
            json.WriteString("channel"u8, subscription.Channel.Kind switch
            {
                ChannelKind.Ticker => "ticker",
                ChannelKind.Trades => "trades",
                ChannelKind.Ohlc => "candles",
                ChannelKind.Book => "book",
                _ => throw new NotSupportedException($"Acme has no {subscription.Channel} channel"),
            });
            json.WriteStartArray("symbols"u8);
            foreach (var symbol in subscription.Symbols)
            {
                json.WriteStringValue(VenueName(symbol));
            }

            json.WriteEndArray();
            if (subscription.Channel.Kind == ChannelKind.Ohlc)
            {
                json.WriteString("interval"u8, Intervals.Format(subscription.Channel.Interval));
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private Symbol ReadSymbol(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        var name = reader.HasValueSequence || reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        return _symbols.TryGetSymbol(name, out var symbol) ? symbol : throw new JsonException($"unknown symbol '{Encoding.UTF8.GetString(name)}'");
    }

    private void ReadBook(ref Utf8JsonReader reader, ref Message message, ref FrameAttribution attribution)
    {
        _levels.Clear();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("symbol"u8))
            {
                message.Symbol = ReadSymbol(ref reader);
                attribution = FrameAttribution.Book(message.Symbol);
            }
            else if (reader.ValueTextEquals("snapshot"u8))
            {
                Next(ref reader);
                message.Snapshot = reader.GetBoolean();
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                message.Sequence = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                message.Time = ReadUnixMilliseconds(ref reader);
            }
            else if (reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("asks"u8))
            {
                var side = reader.ValueTextEquals("bids"u8) ? BookSide.Bid : BookSide.Ask;
                Expect(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) == JsonTokenType.StartArray)
                {
                    var price = ReadDecimalString(ref reader);
                    var size = ReadDecimalString(ref reader);
                    Expect(ref reader, JsonTokenType.EndArray);
                    _levels.Add(new LevelChange(side, price, size));
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (message.Symbol.IsEmpty || message.Sequence is null)
        {
            throw new JsonException("a book message needs symbol and seq");
        }
    }

    private void ReadFields(ref Utf8JsonReader reader, ref Message message)
    {
        var channel = (string?)null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            switch (name)
            {
                case "symbol": message.Symbol = ReadSymbol(ref reader); break;
                case "symbols":
                    Expect(ref reader, JsonTokenType.StartArray);
                    while (Next(ref reader) == JsonTokenType.String)
                    {
                        message.Symbol = message.Symbol.IsEmpty ? ReadSymbolValue(ref reader) : message.Symbol;
                    }

                    break;
                case "channel": channel = ReadString(ref reader); break;
                case "interval": message.Interval = Intervals.Parse(ReadString(ref reader)); break;
                case "message": message.Text = ReadString(ref reader); break;
                case "id": message.Id = ReadString(ref reader); break;
                case "price" or "close": message.Price = ReadDecimalString(ref reader); break;
                case "size" or "volume": message.Size = ReadDecimalString(ref reader); break;
                case "side": message.Side = ReadString(ref reader) switch { "buy" => Side.Buy, "sell" => Side.Sell, var s => throw new JsonException($"unknown side '{s}'") }; break;
                case "bid": message.Bid = ReadDecimalString(ref reader); break;
                case "bid_size": message.BidSize = ReadDecimalString(ref reader); break;
                case "ask": message.Ask = ReadDecimalString(ref reader); break;
                case "ask_size": message.AskSize = ReadDecimalString(ref reader); break;
                case "last": message.Last = ReadDecimalString(ref reader); break;
                case "open": message.Open = ReadDecimalString(ref reader); break;
                case "high": message.High = ReadDecimalString(ref reader); break;
                case "low": message.Low = ReadDecimalString(ref reader); break;
                case "closed": Next(ref reader); message.Closed = reader.GetBoolean(); break;
                case "time": message.Time = ReadUnixMilliseconds(ref reader); break;
                case "start": message.Start = ReadUnixMilliseconds(ref reader); break;
                default: SkipValue(ref reader); break;
            }
        }

        if (channel is not null)
        {
            message.Channel = Channel(channel, message.Interval);
        }
    }

    private Symbol ReadSymbolValue(ref Utf8JsonReader reader)
    {
        var name = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        return _symbols.TryGetSymbol(name, out var symbol) ? symbol : default;
    }

    /// <summary>The fields of one server message (each type uses some).</summary>
    private struct Message(DateTimeOffset receivedAt)
    {
        public Symbol Symbol;
        public bool Snapshot;
        public long? Sequence;
        public DateTimeOffset? Time;
        public DateTimeOffset Start = receivedAt;
        public TimeSpan Interval;
        public MarketChannel? Channel;
        public string? Text;
        public string? Id;
        public decimal Price, Size, Bid, BidSize, Ask, AskSize, Open, High, Low;
        public decimal? Last;
        public Side Side;
        public bool Closed;
    }
}
