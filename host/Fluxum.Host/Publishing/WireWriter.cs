using System.Buffers;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Publishing;

/// <summary>
/// Writes one <see cref="Outgoing"/> as the JSON payload of its message (schema <see cref="SchemaVersion"/>):
/// <c>{ "v": 1, "type": "book", "venue": "kraken", "symbol": "BTC/USD", "receivedAt": ..., "seq": 42,
/// "changes": [["b", price, size], ...] }</c>. Prices and sizes are JSON numbers written exactly as the decimals hold them.
/// </summary>
internal static class WireWriter
{
    /// <summary>The payload schema's version; a reader refuses any other.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Writes <paramref name="message"/> into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, Outgoing message)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteNumber("v", SchemaVersion);
        json.WriteString("type", WireSubjects.Channel(message.Kind));
        json.WriteString("venue", message.Venue);
        if (message.Symbol is { } symbol)
        {
            json.WriteString("symbol", symbol.ToString());
        }

        json.WriteString("receivedAt", message.ReceivedAt);
        if (message.ExchangeTime is { } exchangeTime)
        {
            json.WriteString("exchangeTime", exchangeTime);
        }

        switch (message.Kind)
        {
            case WireKind.Book:
                json.WriteNumber("seq", message.Sequence);
                json.WriteStartArray("changes");
                foreach (var change in message.Changes!)
                {
                    WriteLevel(json, change.Side == BookSide.Bid ? "b" : "a", change.Price, change.Size, change.OrderCount);
                }

                json.WriteEndArray();
                break;
            case WireKind.Snapshot:
                WriteSnapshot(json, message.Sequence, message.Snapshot!);
                break;
            case WireKind.Trade:
                WriteTrade(json, (Trade)message.Event!);
                break;
            case WireKind.Ticker:
                WriteTicker(json, (Ticker)message.Event!);
                break;
            case WireKind.Ohlc:
                WriteOhlc(json, (Ohlc)message.Event!);
                break;
            case WireKind.Quality:
                var quality = (DataQualityEvent)message.Event!;
                json.WriteString("kind", quality.Kind.ToString());
                json.WriteString("detail", quality.Detail);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.Kind, "unknown message kind");
        }

        json.WriteEndObject();
    }

    private static void WriteSnapshot(Utf8JsonWriter json, long sequence, BookSnapshot snapshot)
    {
        json.WriteNumber("seq", sequence);
        if (snapshot.Depth is { } depth)
        {
            json.WriteNumber("depth", depth);
        }

        json.WriteBoolean("stale", snapshot.IsStale);
        if (snapshot.Unverified is { } unverified)
        {
            json.WriteString("unverified", unverified);
        }

        json.WriteNumber("checksumsVerified", snapshot.ChecksumsVerified);
        json.WriteNumber("checksumFailures", snapshot.ChecksumFailures);
        WriteSide(json, "bids", snapshot.Bids);
        WriteSide(json, "asks", snapshot.Asks);
    }

    private static void WriteSide(Utf8JsonWriter json, string name, IReadOnlyList<BookLevel> levels)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            json.WriteStartArray();
            json.WriteNumberValue(level.Price);
            json.WriteNumberValue(level.Size);
            if (level.OrderCount is { } orders)
            {
                json.WriteNumberValue(orders);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private static void WriteLevel(Utf8JsonWriter json, string side, decimal price, decimal size, int? orders)
    {
        json.WriteStartArray();
        json.WriteStringValue(side);
        json.WriteNumberValue(price);
        json.WriteNumberValue(size);
        if (orders is { } count)
        {
            json.WriteNumberValue(count);
        }

        json.WriteEndArray();
    }

    private static void WriteTrade(Utf8JsonWriter json, Trade trade)
    {
        json.WriteNumber("price", trade.Price);
        json.WriteNumber("size", trade.Size);
        json.WriteString("side", trade.TakerSide == Side.Buy ? "buy" : "sell");
        if (trade.TradeId is { } id)
        {
            json.WriteString("tradeId", id);
        }
    }

    private static void WriteTicker(Utf8JsonWriter json, Ticker ticker)
    {
        json.WriteNumber("bid", ticker.Bid);
        json.WriteNumber("bidSize", ticker.BidSize);
        json.WriteNumber("ask", ticker.Ask);
        json.WriteNumber("askSize", ticker.AskSize);
        Optional(json, "last", ticker.Last);
        Optional(json, "lastSize", ticker.LastSize);
        var x = ticker.Extras;
        Optional(json, "volume24h", x.Volume24h);
        Optional(json, "vwap24h", x.Vwap24h);
        Optional(json, "high24h", x.High24h);
        Optional(json, "low24h", x.Low24h);
        Optional(json, "open24h", x.Open24h);
        Optional(json, "change24h", x.Change24h);
        Optional(json, "changePercent24h", x.ChangePercent24h);
        if (x.TradeCount24h is { } count)
        {
            json.WriteNumber("tradeCount24h", count);
        }
    }

    private static void WriteOhlc(Utf8JsonWriter json, Ohlc candle)
    {
        json.WriteNumber("intervalSeconds", (long)candle.Interval.TotalSeconds);
        json.WriteString("start", candle.Start);
        json.WriteNumber("open", candle.Open);
        json.WriteNumber("high", candle.High);
        json.WriteNumber("low", candle.Low);
        json.WriteNumber("close", candle.Close);
        json.WriteNumber("volume", candle.Volume);
        Optional(json, "vwap", candle.Vwap);
        if (candle.TradeCount is { } count)
        {
            json.WriteNumber("tradeCount", count);
        }

        json.WriteBoolean("closed", candle.IsClosed);
    }

    private static void Optional(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }
}
