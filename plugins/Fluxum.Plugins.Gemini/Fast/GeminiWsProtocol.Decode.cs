using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Fast;

/// <summary>Frame routing and decoding: one forward pass, fields collected, then dispatched by content.</summary>
internal sealed partial class GeminiWsProtocol
{
    /// <summary>The start of every reason this protocol reports a frame with.</summary>
    private const string ReasonPrefix = "gemini ws: ";

    private readonly List<(string Asset, decimal Free, decimal? Total)> _balanceRows = [];

    /// <summary>Why this frame's price levels could not be read in full, or null.</summary>
    private string? _levelsProblem;

    public void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        lock (_gate)
        {
            // The kit's malformed-frame guard: a frame that throws before its fields were read (not even a JSON
            // object) is reported once, unattributed, as it may have been any book's; nothing escapes.
            FrameGuard.Decode(this, frame, receivedAt, sink, ReasonPrefix);
        }
    }

    /// <summary>One frame's decode, run by <see cref="FrameGuard"/>; a frame broken mid-way is reported by <see cref="Broken"/>.</summary>
    void IGuardedDecoder.Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink, ref FrameAttribution attribution) =>
        DecodeFrame(frame, receivedAt, sink);

    private void DecodeFrame(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var reader = new Utf8JsonReader(frame);
        Json.Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected a JSON object");
        }

        _levels.Clear();
        _levelsProblem = null;
        var f = default(WsFields);
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
                ReadField(ref reader, name, ref f);
            }
        }
        catch (Exception e) when (IsDecodeError(e))
        {
            Broken(frame, f, FrameGuard.Reason(e, position: reader.BytesConsumed), sink);
            return;
        }

        Route(frame, ref f, receivedAt, sink);
    }

    /// <summary>
    /// A frame that broke mid-way: a depthUpdate whose symbol was read misses its book an update (resynced); a
    /// trade (its id read), book ticker, balance or order event, or a response, is plain malformed; anything else (no event type read yet, or an unknown
    /// one, or a depthUpdate whose symbol is unreadable) may have been any book's.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Broken(ReadOnlySpan<byte> frame, in WsFields f, string reason, IFrameSink sink)
    {
        if (f.Event == WsEvent.Depth && f.HasSymbol && f.Slot >= 0)
        {
            DepthProblem(frame, f.Slot, reason, sink);
            return;
        }

        var other = f.Event is WsEvent.Trade or WsEvent.Balance or WsEvent.Order || (f.Event == WsEvent.None && (f.HasId || f.TradeId is not null || f.HasBookTicker));
        FrameGuard.Report(sink, other ? FrameAttribution.Other : FrameAttribution.Unattributed, ReasonPrefix + reason, frame);
    }

    /// <summary>The failures a frame's field reads throw on bad input (anything else is a decoder fault, left to the guard).</summary>
    private static bool IsDecodeError(Exception e) => e is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException;

    private void ReadField(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, ref WsFields f)
    {
        if (f.Event is WsEvent.Other or WsEvent.Order)
        {
            // Order/position events reuse letters with other types ("c" is a client order id there).
            reader.Skip();
            return;
        }

        if (name.Length == 1)
        {
            switch (name[0])
            {
                case (byte)'e': f.Event = Event(reader.ValueSpan); return;
                case (byte)'E': f.EventTime = Json.Int64(ref reader); return;
                case (byte)'s': f.Slot = _symbols.Find(reader.ValueSpan); f.HasSymbol = true; return;
                case (byte)'U': f.First = Json.Int64(ref reader); return;
                case (byte)'u': f.Last = Json.Int64(ref reader); return;
                case (byte)'t': f.TradeId = Json.Int64(ref reader); return;
                case (byte)'p': f.Price = Json.Decimal(ref reader); return;
                case (byte)'q': f.Quantity = Json.Decimal(ref reader); return;
                case (byte)'m': f.BuyerIsMaker = reader.GetBoolean(); f.HasMaker = true; return;
                case (byte)'c': f.LastPrice = OptionalDecimal(ref reader); return;
                case (byte)'C': f.LastSize = OptionalDecimal(ref reader); return;
                case (byte)'b' or (byte)'a':
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        ReadLevels(ref reader, name[0] == (byte)'b' ? BookSide.Bid : BookSide.Ask);
                        f.HasLevels = true;
                    }
                    else if (name[0] == (byte)'b')
                    {
                        f.Bid = OptionalDecimal(ref reader);
                        f.HasBookTicker = true;
                    }
                    else
                    {
                        f.Ask = OptionalDecimal(ref reader);
                    }

                    return;
                case (byte)'B':
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        ReadBalances(ref reader);
                    }
                    else
                    {
                        f.BidSize = OptionalDecimal(ref reader);
                    }

                    return;
                case (byte)'A': f.AskSize = OptionalDecimal(ref reader); return;
            }
        }
        else if (name.SequenceEqual("id"u8))
        {
            f.Id = reader.TokenType == JsonTokenType.Null ? null : Json.Int64(ref reader);
            f.HasId = true;
            return;
        }
        else if (name.SequenceEqual("status"u8))
        {
            f.Status = reader.GetInt32();
            return;
        }
        else if (name.SequenceEqual("error"u8) && reader.TokenType == JsonTokenType.StartObject)
        {
            ReadError(ref reader, ref f);
            return;
        }

        reader.Skip();
    }

    private static decimal? OptionalDecimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty ? null : Json.Decimal(ref reader);

    private static WsEvent Event(ReadOnlySpan<byte> e) =>
        e.SequenceEqual("depthUpdate"u8) ? WsEvent.Depth
        : e.SequenceEqual("trade"u8) ? WsEvent.Trade
        : e.SequenceEqual("balanceUpdate"u8) ? WsEvent.Balance
        : e.SequenceEqual("orderUpdate"u8) ? WsEvent.Order
        : WsEvent.Other;

    /// <summary>
    /// Reads one side's levels. A level that cannot be read is recorded in <see cref="_levelsProblem"/> and the
    /// rest of the side skipped, so the frame's symbol and ids are still learned; a frame broken beyond that
    /// still throws.
    /// </summary>
    private void ReadLevels(ref Utf8JsonReader reader, BookSide side)
    {
        var depth = reader.CurrentDepth;
        try
        {
            ReadLevelRows(ref reader, side);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            _levelsProblem ??= e.Message;
            while (reader.TokenType != JsonTokenType.EndArray || reader.CurrentDepth != depth)
            {
                Json.Next(ref reader);
            }
        }
    }

    private void ReadLevelRows(ref Utf8JsonReader reader, BookSide side)
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
                throw new JsonException("a price level is not an array");
            }

            Json.Next(ref reader);
            var price = Json.Decimal(ref reader);
            Json.Next(ref reader);
            var size = Json.Decimal(ref reader);
            Json.Next(ref reader);
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw new JsonException("a price level has more than [price, quantity]");
            }

            _levels.Add(new LevelChange(side, price, size));
        }
    }

    private void ReadBalances(ref Utf8JsonReader reader)
    {
        _balanceRows.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? asset = null;
            decimal? free = null, total = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.ValueSpan;
                Json.Next(ref reader);
                if (key.SequenceEqual("a"u8))
                {
                    asset = reader.GetString();
                }
                else if (key.SequenceEqual("f"u8))
                {
                    free = Json.Decimal(ref reader);
                }
                else if (key.SequenceEqual("c"u8))
                {
                    total = Json.Decimal(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (asset is null || free is null)
            {
                throw new JsonException("a balance entry lacks its asset (a) or available amount (f)");
            }

            _balanceRows.Add((asset, free.Value, total));
        }
    }

    private static void ReadError(ref Utf8JsonReader reader, ref WsFields f)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.ValueSpan;
            Json.Next(ref reader);
            if (key.SequenceEqual("code"u8))
            {
                f.ErrorCode = reader.TokenType == JsonTokenType.Number ? reader.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetString();
            }
            else if (key.SequenceEqual("msg"u8) || key.SequenceEqual("message"u8))
            {
                f.ErrorMessage = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
