using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Coinbase.Protocol;

internal sealed partial class CoinbaseProtocol
{
    private enum Channel
    {
        None,
        Level2,
        Trades,
        Ticker,
        Candles,
        Heartbeats,
        Status,
        Subscriptions,
        Other,
    }

    void IGuardedDecoder.Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution)
    {
        // Pass 1: the envelope (the members may come in any order; events are skipped).
        var reader = new Utf8JsonReader(frame);
        Expect(ref reader, JsonTokenType.StartObject);
        var channel = Channel.None;
        string? channelName = null, type = null, message = null, reason = null;
        long? sequence = null;
        DateTimeOffset? time = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("channel"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                channel = ChannelOf(ref reader);
                channelName = channel == Channel.Other ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("sequence_num"u8))
            {
                Expect(ref reader, JsonTokenType.Number);
                sequence = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                time = Time(reader.GetString()!);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                type = reader.GetString();
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                message = reader.GetString();
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                reason = reader.GetString();
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("the message does not end after its object");
        }

        if (channel == Channel.None)
        {
            if (type == "error")
            {
                attribution = FrameAttribution.Other;
                Error(message, reason, receivedAt, sink);
                return;
            }

            throw new JsonException(type is null ? "a message with no channel" : $"unknown message type '{type}'");
        }

        if (sequence is { } s)
        {
            sink.ConnectionSequence(s);
        }

        if (channel == Channel.Other)
        {
            attribution = FrameAttribution.Other;
            sink.Malformed($"{_context.Venue}: unknown channel '{channelName}'", frame);
            return;
        }

        if (channel != Channel.Level2)
        {
            attribution = FrameAttribution.Other;
        }

        if (channel == Channel.Heartbeats)
        {
            sink.Publish(new Heartbeat { Venue = _context.Venue, ExchangeTime = time, ReceivedAt = receivedAt });
            return;
        }

        // Pass 2: the events.
        reader = new Utf8JsonReader(frame);
        Expect(ref reader, JsonTokenType.StartObject);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("events"u8))
            {
                Next(ref reader);
                reader.Skip();
                continue;
            }

            Expect(ref reader, JsonTokenType.StartArray);
            while (Next(ref reader) == JsonTokenType.StartObject)
            {
                var context = new EventContext(time, receivedAt);
                switch (channel)
                {
                    case Channel.Level2: BookEvent(ref reader, context, sink, ref attribution); break;
                    case Channel.Trades: Items(ref reader, "trades"u8, context, sink, TradeItem); break;
                    case Channel.Ticker: Items(ref reader, "tickers"u8, context, sink, TickerItem); break;
                    case Channel.Candles: Items(ref reader, "candles"u8, context, sink, CandleItem); break;
                    case Channel.Status: Items(ref reader, "products"u8, context, sink, ProductItem); break;
                    default: SubscriptionsEvent(ref reader, receivedAt, sink); break;
                }
            }
        }
    }

    private delegate MarketEvent? ItemReader(ref Utf8JsonReader reader, EventContext context);

    private static Channel ChannelOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("l2_data"u8) ? Channel.Level2
        : reader.ValueTextEquals("market_trades"u8) ? Channel.Trades
        : reader.ValueTextEquals("ticker"u8) || reader.ValueTextEquals("ticker_batch"u8) ? Channel.Ticker
        : reader.ValueTextEquals("candles"u8) ? Channel.Candles
        : reader.ValueTextEquals("heartbeats"u8) ? Channel.Heartbeats
        : reader.ValueTextEquals("status"u8) ? Channel.Status
        : reader.ValueTextEquals("subscriptions"u8) ? Channel.Subscriptions
        : Channel.Other;

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("the message ends early");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"expected {type} at byte {reader.TokenStartIndex}");
        }
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        reader.Skip();
    }

    private static decimal Number(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        var error = Utf8Decimal.Read(ref reader, out var value);
        return error == DecimalParseError.None ? value : throw new FormatException(Utf8Decimal.Describe(error));
    }

    private static string Text(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    /// <summary>RFC 3339 with up to nine fractional digits (the venue sends nanoseconds; .NET keeps seven).</summary>
    internal static DateTimeOffset Time(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
            }
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private Symbol ReadSymbol(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        var name = reader.HasValueSequence || reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;
        return _symbols.TryGetSymbol(name, out var symbol) ? symbol : throw new JsonException($"unknown product '{Encoding.UTF8.GetString(name)}'");
    }

    private void Error(string? message, string? reason, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var text = (message ?? "error") + (string.IsNullOrEmpty(reason) ? string.Empty : ": " + reason);
        sink.Publish(new VenueError { Venue = _context.Venue, Message = text, ReceivedAt = receivedAt });

        // Every client message is a subscribe or an unsubscribe: an error answers the oldest one still open.
        if (NextPending() is { Channel: { } channel } pending)
        {
            foreach (var symbol in pending.Symbols)
            {
                sink.Publish(new SubscriptionAck { Venue = _context.Venue, Channel = channel, Symbol = symbol, IsSubscribe = pending.Subscribe, Success = false, Error = text, ReceivedAt = receivedAt });
            }
        }
    }

    private void BookEvent(ref Utf8JsonReader reader, EventContext context, IFrameSink sink, ref FrameAttribution attribution)
    {
        // First the event's type and product, wherever they are; then its updates.
        var start = reader;
        bool? snapshot = null;
        var symbol = default(Symbol);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                snapshot = reader.ValueTextEquals("snapshot"u8) ? true : reader.ValueTextEquals("update"u8) ? false : throw new JsonException($"unknown level2 event type '{reader.GetString()}'");
            }
            else if (reader.ValueTextEquals("product_id"u8))
            {
                symbol = ReadSymbol(ref reader);
                attribution = FrameAttribution.Book(symbol);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (symbol.IsEmpty || snapshot is null)
        {
            throw new JsonException("a level2 event needs type and product_id");
        }

        _levels.Clear();
        while (Next(ref start) == JsonTokenType.PropertyName)
        {
            if (!start.ValueTextEquals("updates"u8))
            {
                SkipValue(ref start);
                continue;
            }

            Expect(ref start, JsonTokenType.StartArray);
            while (Next(ref start) == JsonTokenType.StartObject)
            {
                _levels.Add(Level(ref start));
            }
        }

        sink.Book(new BookFrame(symbol, snapshot.Value, CollectionsMarshal.AsSpan(_levels), context.ReceivedAt) { ExchangeTime = context.Time });
    }

    private static LevelChange Level(ref Utf8JsonReader reader)
    {
        BookSide? side = null;
        decimal? price = null, size = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("side"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                side = reader.ValueTextEquals("bid"u8) ? BookSide.Bid
                    : reader.ValueTextEquals("offer"u8) || reader.ValueTextEquals("ask"u8) ? BookSide.Ask
                    : throw new FormatException($"unknown side '{reader.GetString()}'");
            }
            else if (reader.ValueTextEquals("price_level"u8))
            {
                price = Number(ref reader);
            }
            else if (reader.ValueTextEquals("new_quantity"u8))
            {
                size = Number(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return side is { } s && price is { } p && size is { } q
            ? new LevelChange(s, p, q)
            : throw new JsonException("a level needs side, price_level and new_quantity");
    }

    private void Items(ref Utf8JsonReader reader, ReadOnlySpan<byte> arrayName, EventContext context, IFrameSink sink, ItemReader item)
    {
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals(arrayName))
            {
                SkipValue(ref reader);
                continue;
            }

            Expect(ref reader, JsonTokenType.StartArray);
            while (Next(ref reader) == JsonTokenType.StartObject)
            {
                if (item(ref reader, context) is { } decoded)
                {
                    sink.Publish(decoded);
                }
            }
        }
    }

    private readonly record struct EventContext(DateTimeOffset? Time, DateTimeOffset ReceivedAt);
}
