using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.V2;

/// <summary>Frame decoding: one forward pass of <see cref="Utf8JsonReader"/>, no string per field.</summary>
internal sealed partial class GeminiV2Protocol
{
    /// <summary>The start of every reason this protocol reports a frame with.</summary>
    private const string ReasonPrefix = "gemini v2: ";

    private CandleRow[] _candles = new CandleRow[16];
    private int _candleCount;

    /// <summary>Why this frame's <c>changes</c> could not be read in full, or null.</summary>
    private string? _changesProblem;

    /// <summary>Whether the frame being decoded was seen to be of a kind that carries no book (for a frame that breaks).</summary>
    private bool _notBook;

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        lock (_gate)
        {
            // The kit's malformed-frame guard: a frame broken before its book (if any) could be named is reported
            // once: plain malformed when known to be a trade, candle, heartbeat or error, otherwise as possibly
            // any book's. Nothing escapes.
            FrameGuard.Decode(this, frame, receivedAt, sink, ReasonPrefix);
        }
    }

    /// <summary>One frame's decode, run by <see cref="FrameGuard"/>; <paramref name="attribution"/> follows the message type.</summary>
    void IGuardedDecoder.Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution) =>
        DecodeFrame(frame, receivedAt, sink, ref attribution);

    private void DecodeFrame(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution)
    {
        _notBook = false;
        var reader = new Utf8JsonReader(frame);
        Json.Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a JSON object");
        }

        _levels.Clear();
        _candleCount = 0;
        _changesProblem = null;
        ReadOnlySpan<byte> type = default;
        var slot = -2;
        var hasTrades = false;
        var tradesStart = -1L;
        try
        {
            while (true)
            {
                Json.Next(ref reader);
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                var name = reader.ValueSpan;
                Json.Next(ref reader);
                if (name.SequenceEqual("type"u8))
                {
                    type = reader.ValueSpan;
                    _notBook = IsOtherKind(type);
                    attribution = _notBook ? FrameAttribution.Other : FrameAttribution.Unattributed;
                }
                else if (name.SequenceEqual("symbol"u8))
                {
                    slot = _symbols.Find(reader.ValueSpan);
                }
                else if (name.SequenceEqual("changes"u8))
                {
                    ReadChanges(ref reader);
                }
                else if (name.SequenceEqual("trades"u8) && reader.TokenType == JsonTokenType.StartArray)
                {
                    hasTrades = true;
                    tradesStart = reader.TokenStartIndex;
                    reader.Skip();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (IsDecodeError(e) && slot >= 0 && type.SequenceEqual("l2_updates"u8))
        {
            // A broken l2 frame whose symbol was already read: that book misses an update, so it is resynced.
            BookProblem(frame, slot, FrameGuard.Reason(e, position: reader.BytesConsumed), sink);
            return;
        }

        Dispatch(frame, type, slot, hasTrades, tradesStart, receivedAt, sink);
    }

    /// <summary>A message type that carries no book data.</summary>
    private static bool IsOtherKind(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("trade"u8) || type.SequenceEqual("heartbeat"u8) || type.SequenceEqual("error"u8) || type.SequenceEqual("subscription_error"u8)
        || type.SequenceEqual("mark_price_updates"u8) || type.SequenceEqual("funding_amount_updates"u8) || V2Feeds.CandleInterval(type) is not null;

    /// <summary>The failures a frame's field reads throw on bad input (anything else is a decoder fault, left to the guard).</summary>
    private static bool IsDecodeError(Exception e) => e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException;

    private void Dispatch(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> type, int slot, bool hasTrades, long tradesStart, DateTimeOffset receivedAt, IFrameSink sink)
    {
        if (type.SequenceEqual("heartbeat"u8))
        {
            sink.Publish(new Heartbeat { Venue = GeminiPlugin.VenueName, ReceivedAt = receivedAt });
            return;
        }

        if (type.SequenceEqual("error"u8) || type.SequenceEqual("subscription_error"u8))
        {
            sink.Publish(new VenueError { Venue = GeminiPlugin.VenueName, Message = Encoding.UTF8.GetString(frame), ReceivedAt = receivedAt });
            return;
        }

        if (type.SequenceEqual("l2_updates"u8) && slot < 0)
        {
            // Its symbol is missing or names no book of this connection (a damaged one of ours, as far as anyone can tell).
            sink.UnattributedBookMalformed(slot == -1 ? "gemini v2: l2_updates for a symbol not subscribed on this connection" : "gemini v2: l2_updates without a symbol", frame);
            return;
        }

        if (slot == -1)
        {
            var reason = $"gemini v2: {Encoding.UTF8.GetString(type)} for a symbol not subscribed on this connection";
            if (_notBook)
            {
                sink.Malformed(reason, frame);
            }
            else
            {
                // Its type is unreadable too: it may have been a damaged l2_updates of any book.
                sink.UnattributedBookMalformed(reason, frame);
            }

            return;
        }

        if (type.SequenceEqual("l2_updates"u8) && slot >= 0)
        {
            L2(frame, slot, hasTrades, tradesStart, receivedAt, sink);
        }
        else if (V2Feeds.CandleInterval(type) is { } interval && slot >= 0)
        {
            var problem = _changesProblem ?? (_levels.Count > 0 ? "a candle row starts with a side" : null);
            if (problem is not null)
            {
                sink.Malformed($"gemini v2: {Encoding.UTF8.GetString(type)} for {_symbols[slot]}: {problem}", frame);
                return;
            }

            Candles(slot, interval, receivedAt, sink);
        }
        else if (type.SequenceEqual("trade"u8) && slot >= 0)
        {
            // A trade message: decode it again knowing what it is (trades allocate their event anyway).
            var reader = new Utf8JsonReader(frame);
            reader.Read();
            var trade = ReadTrade(ref reader, slot, receivedAt, out var eventId);
            PublishTrade(slot, trade, sink, eventId);

            PublishTicker(slot, receivedAt, null, sink);
        }
        else if (!IsOtherKind(type))
        {
            // Possibly a damaged l2_updates: which book it was for cannot be told.
            sink.UnattributedBookMalformed($"gemini v2: unhandled message type '{Encoding.UTF8.GetString(type)}'", frame);
        }
        else if (!type.SequenceEqual("mark_price_updates"u8) && !type.SequenceEqual("funding_amount_updates"u8))
        {
            sink.Malformed($"gemini v2: {Encoding.UTF8.GetString(type)} without a symbol", frame);
        }
    }

    private void L2(ReadOnlySpan<byte> frame, int slot, bool hasTrades, long tradesStart, DateTimeOffset receivedAt, IFrameSink sink)
    {
        ref var state = ref _slots[slot];

        // Only the initial message carries trades: it is the snapshot. A frame without them while the initial one
        // is awaited means that one was lost (damaged beyond reading): these are changes to a book never received.
        var snapshot = hasTrades;
        if (state.State == L2State.None)
        {
            sink.Malformed($"gemini v2: l2_updates for {_symbols[slot]}, which is not subscribed (late frame)", frame);
            return;
        }

        var problem = _changesProblem ?? (_candleCount > 0 ? "a change row does not start with a side" : null)
            ?? (state.State == L2State.AwaitingInitial && !snapshot ? "changes before the initial book message (with trades): that message was lost" : null);
        if (problem is not null)
        {
            BookProblem(frame, slot, problem, sink);
            return;
        }

        if (snapshot)
        {
            state.State = L2State.Live;
            _levels.Reverse();
        }

        if ((state.Wants & L2Wants.Book) != 0)
        {
            sink.Book(new BookFrame(_symbols[slot], snapshot, _levels.Span, receivedAt));
        }

        state.Top?.Apply(snapshot, _levels.Span);
        if (hasTrades && (state.Wants & (L2Wants.Trades | L2Wants.Ticker)) != 0)
        {
            InitialTrades(frame[(int)tradesStart..], slot, receivedAt, sink);
        }

        PublishTicker(slot, receivedAt, null, sink);
    }

    private void PublishTicker(int slot, DateTimeOffset receivedAt, DateTimeOffset? exchangeTime, IFrameSink sink)
    {
        if ((_slots[slot].Wants & L2Wants.Ticker) != 0 && _slots[slot].Top?.Changed(receivedAt, exchangeTime) is { } ticker)
        {
            sink.Publish(ticker);
        }
    }

    /// <summary>
    /// An l2_updates frame for <paramref name="slot"/> that cannot be applied in full: none of it is applied (nor
    /// to the derived top of book), the host marks the book stale and resyncs it. Later frames of the stream are
    /// no longer taken for the initial book: only a resubscription's initial message (with trades) is.
    /// </summary>
    private void BookProblem(ReadOnlySpan<byte> frame, int slot, string problem, IFrameSink sink)
    {
        ref var state = ref _slots[slot];
        if (state.State == L2State.None)
        {
            FrameGuard.Report(sink, FrameAttribution.Other, $"{ReasonPrefix}l2_updates for {_symbols[slot]}, which is not subscribed (late frame): {problem}", frame);
            return;
        }

        if (state.State == L2State.AwaitingInitial)
        {
            state.State = L2State.AwaitingResubscribe;
        }

        FrameGuard.Report(sink, FrameAttribution.Book(_symbols[slot]), $"{ReasonPrefix}l2_updates: {problem}", frame);
    }

    /// <summary>
    /// Reads <c>changes</c> into the level (or candle) buffer. A row that cannot be read is recorded in
    /// <see cref="_changesProblem"/> and the rest of the array skipped, so the frame's symbol is still learned
    /// (it may come after); a frame broken beyond that still throws.
    /// </summary>
    private void ReadChanges(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            _changesProblem = "'changes' is not an array";
            reader.Skip();
            return;
        }

        var depth = reader.CurrentDepth;
        try
        {
            ReadRows(ref reader);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            _changesProblem = e.Message;
            while (reader.TokenType != JsonTokenType.EndArray || reader.CurrentDepth != depth)
            {
                Json.Next(ref reader);
            }
        }
    }

    private void ReadRows(ref Utf8JsonReader reader)
    {
        while (true)
        {
            Json.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("a change row is not an array");
            }

            Json.Next(ref reader);
            if (reader.TokenType == JsonTokenType.String)
            {
                var side = reader.ValueSpan.SequenceEqual("buy"u8) ? BookSide.Bid
                    : reader.ValueSpan.SequenceEqual("sell"u8) ? BookSide.Ask
                    : throw new JsonException($"unknown side '{Encoding.UTF8.GetString(reader.ValueSpan)}' in changes");
                Json.Next(ref reader);
                var price = Json.Decimal(ref reader);
                Json.Next(ref reader);
                var size = Json.Decimal(ref reader);
                _levels.Add(new LevelChange(side, price, size));
            }
            else
            {
                ReadCandleRow(ref reader);
            }

            Json.Next(ref reader);
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("a change row has more fields than documented");
            }
        }
    }
}
