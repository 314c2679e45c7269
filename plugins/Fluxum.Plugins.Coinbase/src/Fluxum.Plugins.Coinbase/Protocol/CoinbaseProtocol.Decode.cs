using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using static Fluxum.Sdk.Kit.JsonFrame;

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
        // A cut frame fails here, before anything of it is applied (the reader below would see the cut only at the end).
        if (!EndsAnObject(frame))
        {
            throw new JsonException("the message is cut short: it does not end with '}'");
        }

        // One pass. The envelope's members may come in any order; in the documented one (channel, client_id,
        // timestamp, sequence_num, events) the events are decoded where they stand, otherwise from a copy of the
        // reader taken at "events" once the whole envelope is read.
        var reader = new Utf8JsonReader(frame);
        Expect(ref reader, JsonTokenType.StartObject);
        var envelope = new Envelope();
        var events = default(Utf8JsonReader);
        var deferred = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("events"u8))
            {
                if (envelope.Opened || deferred)
                {
                    throw new JsonException("a message with two events arrays");
                }

                if (envelope.Channel != Channel.None && envelope.Sequence is not null && envelope.Time is not null)
                {
                    if (Open(ref envelope, frame, receivedAt, sink, ref attribution))
                    {
                        Events(ref reader, envelope, receivedAt, sink, ref attribution);
                        continue;
                    }
                }
                else
                {
                    events = reader;
                    deferred = true;
                }

                SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("channel"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                envelope.Channel = ChannelOf(ref reader);
                envelope.ChannelName = envelope.Channel == Channel.Other ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("sequence_num"u8))
            {
                envelope.Sequence = ReadInt64(ref reader);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                envelope.Time = ReadTimestamp(ref reader, _stamps);
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                envelope.Type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                envelope.Message = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                envelope.Reason = ReadString(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("the message does not end after its object");
        }

        if (!envelope.Opened && Open(ref envelope, frame, receivedAt, sink, ref attribution) && deferred)
        {
            Events(ref events, envelope, receivedAt, sink, ref attribution);
        }
    }

    /// <summary>
    /// What the envelope says before its events: an error, the connection sequence, an unknown channel, a heartbeat.
    /// True when the events are to be decoded.
    /// </summary>
    private bool Open(ref Envelope envelope, ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution)
    {
        envelope.Opened = true;
        if (envelope.Channel == Channel.None)
        {
            if (envelope.Type == "error")
            {
                attribution = FrameAttribution.Other;
                Error(envelope.Message, envelope.Reason, receivedAt, sink);
                return false;
            }

            throw new JsonException(envelope.Type is null ? "a message with no channel" : $"unknown message type '{envelope.Type}'");
        }

        if (envelope.Sequence is { } s)
        {
            sink.ConnectionSequence(s);
        }

        if (envelope.Channel != Channel.Level2)
        {
            attribution = FrameAttribution.Other;
        }

        switch (envelope.Channel)
        {
            case Channel.Other:
                sink.Malformed($"{_context.Venue}: unknown channel '{envelope.ChannelName}'", frame);
                return false;
            case Channel.Heartbeats:
                sink.Publish(new Heartbeat { Venue = _context.Venue, ExchangeTime = envelope.Time, ReceivedAt = receivedAt });
                return false;
            default:
                return true;
        }
    }

    /// <summary>Decodes the events array; the reader is on the <c>events</c> property name and ends on the array's end.</summary>
    private void Events(ref Utf8JsonReader reader, in Envelope envelope, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var context = new EventContext(envelope.Time, receivedAt);
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            switch (envelope.Channel)
            {
                case Channel.Level2: BookEvent(ref reader, context, sink, ref attribution); break;
                case Channel.Trades: Items(ref reader, "trades"u8, context, sink, TradeItem); break;
                case Channel.Ticker: Items(ref reader, "tickers"u8, context, sink, TickerItem); break;
                case Channel.Candles: Items(ref reader, "candles"u8, context, sink, CandleItem); break;
                case Channel.Status: Items(ref reader, "products"u8, context, sink, ProductItem); break;
                default: SubscriptionsEvent(ref reader, receivedAt, sink); break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException($"events holds a {reader.TokenType}, not an object");
        }
    }

    private static bool EndsAnObject(ReadOnlySpan<byte> frame)
    {
        var end = frame.Length - 1;
        while (end >= 0 && frame[end] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            end--;
        }

        return end >= 0 && frame[end] == (byte)'}';
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
        // The documented order is type, product_id, updates: the updates are read where they stand once type and
        // product are known, otherwise from a copy of the reader taken at "updates" after the event is read.
        bool? snapshot = null;
        var symbol = default(Symbol);
        var updates = default(Utf8JsonReader);
        var read = false;
        var deferred = false;
        _levels.Clear();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("updates"u8))
            {
                if (read || deferred)
                {
                    throw new JsonException("a level2 event with two updates arrays");
                }

                if (snapshot is not null && !symbol.IsEmpty)
                {
                    Updates(ref reader);
                    read = true;
                }
                else
                {
                    updates = reader;
                    deferred = true;
                    SkipValue(ref reader);
                }
            }
            else if (reader.ValueTextEquals("type"u8))
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

        if (deferred)
        {
            Updates(ref updates);
        }

        sink.Book(new BookFrame(symbol, snapshot.Value, CollectionsMarshal.AsSpan(_levels), context.ReceivedAt) { ExchangeTime = context.Time });
    }

    /// <summary>Reads an updates array into <c>_levels</c>; the reader is on the <c>updates</c> property name.</summary>
    private void Updates(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        while (Next(ref reader) == JsonTokenType.StartObject)
        {
            _levels.Add(Level(ref reader));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException($"updates holds a {reader.TokenType}, not an object");
        }
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
                price = ReadDecimalString(ref reader);
            }
            else if (reader.ValueTextEquals("new_quantity"u8))
            {
                size = ReadDecimalString(ref reader);
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

    /// <summary>The envelope's members, as far as they are read.</summary>
    private struct Envelope
    {
        public Channel Channel;
        public string? ChannelName;
        public string? Type;
        public string? Message;
        public string? Reason;
        public long? Sequence;
        public DateTimeOffset? Time;
        public bool Opened;
    }
}
