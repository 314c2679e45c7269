using System.Text.Json;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>Acks, pongs, status and instrument messages.</summary>
internal sealed partial class KrakenDecoder
{
    private void DecodeResponse(ref Utf8JsonReader result, bool hasResult, MessageHeader header, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (header.Method == MethodKind.Pong)
        {
            sink.Publish(new Heartbeat { Venue = _venue, ReceivedAt = receivedAt, ExchangeTime = header.Time });
            return;
        }

        string? channel = null;
        var symbol = header.Symbol;
        int? depth = null;
        int? interval = null;
        if (hasResult && result.TokenType == JsonTokenType.StartObject)
        {
            while (result.Read() && result.TokenType == JsonTokenType.PropertyName)
            {
                var name = result.GetString();
                result.Read();
                switch (name)
                {
                    case "channel":
                        channel = JsonValues.String(ref result);
                        break;
                    case "symbol":
                        symbol = JsonValues.String(ref result);
                        break;
                    case "depth":
                        depth = JsonValues.Int(ref result);
                        break;
                    case "interval":
                        interval = JsonValues.Int(ref result);
                        break;
                    default:
                        result.Skip();
                        break;
                }
            }
        }

        var request = header.RequestId is { } requestId && _requests.TryPeek(requestId, out var pending) ? pending : null;
        channel ??= request?.Channel;
        Symbol? parsed = Symbol.TryParse(symbol, out var s) ? s : null;
        // A book ack's own depth is what the venue streams (a replayed recording may disagree with the request).
        var marketChannel = channel == "book" && depth is not null
            ? KrakenChannels.FromAck(channel, depth, interval)
            : request?.MarketChannel ?? (channel is null ? null : KrakenChannels.FromAck(channel, depth, interval));
        var isSubscribe = header.Method == MethodKind.Subscribe;
        if (!header.Success)
        {
            sink.Publish(new VenueError
            {
                Venue = _venue,
                Code = header.Method.ToString().ToLowerInvariant(),
                Message = $"{(isSubscribe ? "subscribe" : "unsubscribe")} {channel ?? "?"} {symbol}: {header.Error ?? "failed without an error message"}",
                Symbol = parsed,
                ReceivedAt = receivedAt,
                ExchangeTime = header.Time,
            });
        }

        if (marketChannel is not null)
        {
            sink.Publish(new SubscriptionAck
            {
                Venue = _venue,
                Channel = marketChannel,
                Symbol = parsed,
                IsSubscribe = isSubscribe,
                Success = header.Success,
                Error = header.Success ? null : header.Error ?? "failed without an error message",
                ReceivedAt = receivedAt,
                ExchangeTime = header.Time,
            });
        }
        else if (header.Success && channel != "instrument")
        {
            sink.Malformed($"ack for an unknown request (channel '{channel}', req_id {header.RequestId})", frame);
        }
    }

    private void DecodeStatus(ref Utf8JsonReader reader, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            sink.Malformed("status 'data' is not an array", frame);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? system = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSystem = reader.ValueTextEquals("system"u8);
                reader.Read();
                if (isSystem)
                {
                    system = JsonValues.String(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (system is null)
            {
                sink.Malformed("status without 'system'", frame);
                return;
            }

            sink.Publish(new VenueStatus { Venue = _venue, Status = system, IsOnline = system == "online", ReceivedAt = receivedAt });
        }
    }

    private void DecodeInstruments(ref Utf8JsonReader reader, DateTimeOffset receivedAt, IFrameSink sink, ReadOnlySpan<byte> frame)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            sink.Malformed("instrument 'data' is not an object", frame);
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPairs = reader.ValueTextEquals("pairs"u8);
            reader.Read();
            if (!isPairs)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                if (!DecodePair(ref reader, receivedAt, sink))
                {
                    sink.Malformed("instrument pair without a valid 'symbol', or with a precision outside 0..28", frame);
                }
            }
        }

        ReleaseHeld(sink);
    }

    private bool DecodePair(ref Utf8JsonReader reader, DateTimeOffset receivedAt, IFrameSink sink)
    {
        string? symbol = null;
        string? status = null;
        long? price = null;
        long? qty = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "symbol":
                    symbol = JsonValues.String(ref reader);
                    break;
                case "status":
                    status = JsonValues.String(ref reader);
                    break;
                case "price_precision":
                    price = JsonValues.Long(ref reader);
                    break;
                case "qty_precision":
                    qty = JsonValues.Long(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // A precision past decimal's 28 digits (or negative, or past int once cast) would make the checksum
        // format billions of digits per level, freezing the receive loop: the pair is refused and reported.
        if (!Symbol.TryParse(symbol, out var parsed) || price is < 0 or > 28 || qty is < 0 or > 28)
        {
            return false;
        }

        if (price is { } p && qty is { } q && Precision.IsValid((int)p, (int)q))
        {
            _instruments.Set(parsed, new Precision((int)p, (int)q));
        }

        sink.Publish(new InstrumentInfo
        {
            Venue = _venue,
            Symbol = parsed,
            VenueSymbol = symbol!,
            PricePrecision = (int?)price,
            SizePrecision = (int?)qty,
            Status = status,
            ReceivedAt = receivedAt,
        });
        return true;
    }
}
