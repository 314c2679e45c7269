using System.Globalization;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Orders;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Fast;

/// <summary>
/// <c>orderUpdate</c> events of <c>orders@account</c> (gemini_ws_new.md §5.5) as <see cref="OrderUpdate"/>s.
/// Rare, so read in a second pass of their own instead of widening the market-data fields.
/// </summary>
internal sealed partial class GeminiWsProtocol
{
    private void Orders(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var reader = new Utf8JsonReader(frame);
        Json.Next(ref reader);
        string? symbolText = null, clientId = null, side = null, type = null, status = null, reason = null;
        long? orderId = null, updateTime = null;
        decimal? price = null, quantity = null, remaining = null, executed = null, lastPrice = null, fee = null;
        while (true)
        {
            Json.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var name = reader.ValueSpan.Length == 1 ? (char)reader.ValueSpan[0] : '\0';
            Json.Next(ref reader);
            switch (name)
            {
                case 's': symbolText = reader.GetString(); break;
                case 'i': orderId = Json.Int64(ref reader); break;
                case 'c': clientId = reader.GetString(); break;
                case 'S': side = reader.GetString(); break;
                case 'o': type = reader.GetString(); break;
                case 'X': status = reader.GetString(); break;
                case 'r': reason = reader.GetString(); break;
                case 'p': price = OptionalDecimal(ref reader); break;
                case 'q': quantity = OptionalDecimal(ref reader); break;
                case 'z': remaining = OptionalDecimal(ref reader); break;
                case 'Z': executed = OptionalDecimal(ref reader); break;
                case 'L': lastPrice = OptionalDecimal(ref reader); break;
                case 'n': fee = OptionalDecimal(ref reader); break;
                case 'T': updateTime = Json.Int64(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        if (orderId is not { } id || status is null || symbolText is null)
        {
            sink.Malformed("gemini ws: orderUpdate without s, i or X", frame);
            return;
        }

        if (FindAnySymbol(symbolText) is not { } symbol)
        {
            sink.Publish(new VenueError
            {
                Venue = GeminiPlugin.VenueName,
                Code = "unknown_symbol",
                Message = $"order {id} update ({status}) for {symbolText}, which gemini's symbol details do not list: {Encoding.UTF8.GetString(frame)}",
                ReceivedAt = receivedAt,
            });
            return;
        }

        sink.Publish(new OrderUpdate
        {
            Venue = GeminiPlugin.VenueName,
            Symbol = symbol,
            OrderId = id.ToString(CultureInfo.InvariantCulture),
            ClientOrderId = clientId,
            Status = MapStatus(status),
            VenueStatus = status,
            Side = side switch { "BUY" => Side.Buy, "SELL" => Side.Sell, _ => null },
            OrderType = type,
            Price = price,
            Quantity = quantity,
            Remaining = remaining,
            Executed = executed,
            LastPrice = lastPrice,
            Fee = fee,
            Reason = reason,
            ExchangeTime = updateTime is { } t ? Json.EpochAuto(t) : null,
            ReceivedAt = receivedAt,
        });
    }

    private Symbol? FindAnySymbol(string venueSymbol)
    {
        foreach (var known in _env.Symbols.All)
        {
            if (string.Equals(known.Upper, venueSymbol, StringComparison.OrdinalIgnoreCase))
            {
                return known.Symbol;
            }
        }

        return null;
    }

    private static OrderStatus MapStatus(string status) => status switch
    {
        "NEW" => OrderStatus.New,
        "OPEN" => OrderStatus.Open,
        "PARTIALLY_FILLED" => OrderStatus.PartiallyFilled,
        "FILLED" => OrderStatus.Filled,
        "CANCELED" or "CANCELLED" => OrderStatus.Canceled,
        "REJECTED" => OrderStatus.Rejected,
        "MODIFIED" => OrderStatus.Modified,
        _ => OrderStatus.Other,
    };
}
