using System.Text.Json;
using Fluxum.Plugins.Gemini.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.V2;

/// <summary>Trades (top-level and inside the initial l2_updates) and candles.</summary>
internal sealed partial class GeminiV2Protocol
{
    private void InitialTrades(ReadOnlySpan<byte> array, int slot, DateTimeOffset receivedAt, IFrameSink sink)
    {
        // The initial message carries the last 50 trades, newest first: publish the unseen ones oldest first.
        var trades = new List<(long EventId, Trade Trade)>(50);
        var reader = new Utf8JsonReader(array);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var trade = ReadTrade(ref reader, slot, receivedAt, out var eventId);
            trades.Add((eventId, trade));
        }

        trades.Sort((x, y) => x.EventId.CompareTo(y.EventId));
        foreach (var (eventId, trade) in trades)
        {
            if (eventId > _slots[slot].LastEventId)
            {
                PublishTrade(slot, trade, sink, eventId);
            }
        }
    }

    private void PublishTrade(int slot, Trade trade, IFrameSink sink, long eventId = 0)
    {
        ref var state = ref _slots[slot];
        state.LastEventId = Math.Max(state.LastEventId, eventId);
        state.Top?.Trade(trade.Price, trade.Size);
        if ((state.Wants & L2Wants.Trades) != 0)
        {
            sink.Publish(trade);
        }
    }

    /// <summary>Reads one trade object (reader on its StartObject, left on its EndObject).</summary>
    private Trade ReadTrade(ref Utf8JsonReader reader, int slot, DateTimeOffset receivedAt, out long eventId)
    {
        eventId = 0;
        decimal? price = null, size = null;
        Side? side = null;
        long? time = null;
        string? id = null;
        while (true)
        {
            Json.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var name = reader.ValueSpan;
            Json.Next(ref reader);
            if (name.SequenceEqual("price"u8))
            {
                price = Json.Decimal(ref reader);
            }
            else if (name.SequenceEqual("quantity"u8))
            {
                size = Json.Decimal(ref reader);
            }
            else if (name.SequenceEqual("side"u8))
            {
                side = Json.Is(ref reader, "buy"u8) ? Side.Buy : Json.Is(ref reader, "sell"u8) ? Side.Sell : null;
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                time = Json.Int64(ref reader);
            }
            else if (name.SequenceEqual("tid"u8))
            {
                id = Json.Int64(ref reader).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (IsEventId(name))
            {
                eventId = Json.Int64(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        if (price is null || size is null || side is null)
        {
            throw new JsonException("a trade lacks price, quantity or side");
        }

        return new Trade
        {
            Venue = GeminiPlugin.VenueName,
            Symbol = _symbols[slot],
            Price = price.Value,
            Size = size.Value,
            TakerSide = side.Value,
            TradeId = id ?? (eventId != 0 ? eventId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
            ExchangeTime = time is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            ReceivedAt = receivedAt,
        };
    }

    private static bool IsEventId(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("event_id"u8) || name.SequenceEqual("eventid"u8) || name.SequenceEqual("eventId"u8);

    private void ReadCandleRow(ref Utf8JsonReader reader)
    {
        var row = new CandleRow(Json.Int64(ref reader), Next(ref reader), Next(ref reader), Next(ref reader), Next(ref reader), Next(ref reader));
        if (_candleCount == _candles.Length)
        {
            Array.Resize(ref _candles, _candles.Length * 2);
        }

        _candles[_candleCount++] = row;

        static decimal Next(ref Utf8JsonReader r)
        {
            Json.Next(ref r);
            return Json.Decimal(ref r);
        }
    }

    private void Candles(int slot, TimeSpan interval, DateTimeOffset receivedAt, IFrameSink sink)
    {
        // Rows are newest first: the first is the candle still forming, older ones are closed. Publish oldest first.
        for (var i = _candleCount - 1; i >= 0; i--)
        {
            var row = _candles[i];
            sink.Publish(new Ohlc
            {
                Venue = GeminiPlugin.VenueName,
                Symbol = _symbols[slot],
                Interval = interval,
                Start = DateTimeOffset.FromUnixTimeMilliseconds(row.Time),
                Open = row.Open,
                High = row.High,
                Low = row.Low,
                Close = row.Close,
                Volume = row.Volume,
                IsClosed = i > 0,
                ReceivedAt = receivedAt,
            });
        }
    }

    private readonly record struct CandleRow(long Time, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);
}
