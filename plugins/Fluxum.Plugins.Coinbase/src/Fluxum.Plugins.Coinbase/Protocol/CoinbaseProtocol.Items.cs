using System.Globalization;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using static Fluxum.Sdk.Kit.JsonFrame;

namespace Fluxum.Plugins.Coinbase.Protocol;

internal sealed partial class CoinbaseProtocol
{
    /// <summary>
    /// A market_trades item: <c>trade_id, product_id, price, size, side ("BUY"/"SELL"), time</c>.
    /// [UNCONFIRMED] the docs do not say whose side <c>side</c> is; it is read as the taker's.
    /// </summary>
    private MarketEvent? TradeItem(ref Utf8JsonReader reader, EventContext context)
    {
        var symbol = default(Symbol);
        decimal price = 0, size = 0;
        Side? side = null;
        string? id = null;
        DateTimeOffset? time = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8)) { symbol = ReadSymbol(ref reader); }
            else if (reader.ValueTextEquals("price"u8)) { price = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("size"u8)) { size = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("trade_id"u8)) { id = ReadString(ref reader); }
            else if (reader.ValueTextEquals("time"u8)) { time = ReadTimestamp(ref reader, _stamps); }
            else if (reader.ValueTextEquals("side"u8))
            {
                Expect(ref reader, JsonTokenType.String);
                side = reader.ValueTextEquals("BUY"u8) ? Side.Buy : reader.ValueTextEquals("SELL"u8) ? Side.Sell : throw new FormatException($"unknown trade side '{reader.GetString()}'");
            }
            else { SkipValue(ref reader); }
        }

        return symbol.IsEmpty || side is null
            ? throw new JsonException("a trade needs product_id and side")
            : new Trade { Venue = _context.Venue, Symbol = symbol, Price = price, Size = size, TakerSide = side.Value, TradeId = id, ExchangeTime = time ?? context.Time, ReceivedAt = context.ReceivedAt };
    }

    /// <summary>A ticker item (all values strings; best_bid/best_ask and their quantities since 2024-04).</summary>
    private MarketEvent? TickerItem(ref Utf8JsonReader reader, EventContext context)
    {
        var symbol = default(Symbol);
        decimal? last = null, bid = null, bidSize = null, ask = null, askSize = null, volume = null, high = null, low = null, change = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8)) { symbol = ReadSymbol(ref reader); }
            else if (reader.ValueTextEquals("price"u8)) { last = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("best_bid"u8)) { bid = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("best_bid_quantity"u8)) { bidSize = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("best_ask"u8)) { ask = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("best_ask_quantity"u8)) { askSize = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("volume_24_h"u8)) { volume = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("high_24_h"u8)) { high = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("low_24_h"u8)) { low = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("price_percent_chg_24_h"u8)) { change = ReadDecimalString(ref reader); }
            else { SkipValue(ref reader); }
        }

        if (symbol.IsEmpty || bid is null || ask is null)
        {
            throw new JsonException("a ticker needs product_id, best_bid and best_ask");
        }

        return new Ticker
        {
            Venue = _context.Venue,
            Symbol = symbol,
            Bid = bid.Value,
            BidSize = bidSize ?? 0m,
            Ask = ask.Value,
            AskSize = askSize ?? 0m,
            Last = last,
            Extras = new TickerExtras { Volume24h = volume, High24h = high, Low24h = low, ChangePercent24h = change },
            ExchangeTime = context.Time,
            ReceivedAt = context.ReceivedAt,
        };
    }

    /// <summary>A candles item: <c>start</c> (Unix seconds, a string), <c>high, low, open, close, volume, product_id</c>; five-minute buckets.</summary>
    private MarketEvent? CandleItem(ref Utf8JsonReader reader, EventContext context)
    {
        var symbol = default(Symbol);
        decimal open = 0, high = 0, low = 0, close = 0, volume = 0;
        DateTimeOffset? start = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("product_id"u8)) { symbol = ReadSymbol(ref reader); }
            else if (reader.ValueTextEquals("open"u8)) { open = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("high"u8)) { high = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("low"u8)) { low = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("close"u8)) { close = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("volume"u8)) { volume = ReadDecimalString(ref reader); }
            else if (reader.ValueTextEquals("start"u8)) { start = DateTimeOffset.FromUnixTimeSeconds(long.Parse(ReadString(ref reader), NumberStyles.None, CultureInfo.InvariantCulture)); }
            else { SkipValue(ref reader); }
        }

        return symbol.IsEmpty || start is null
            ? throw new JsonException("a candle needs product_id and start")
            : new Ohlc { Venue = _context.Venue, Symbol = symbol, Interval = CoinbaseVenue.CandleInterval, Start = start.Value, Open = open, High = high, Low = low, Close = close, Volume = volume, ExchangeTime = context.Time, ReceivedAt = context.ReceivedAt };
    }

    /// <summary>A status product (<c>id, status, base_increment, quote_increment, ...</c>) as the instrument's info.</summary>
    private MarketEvent? ProductItem(ref Utf8JsonReader reader, EventContext context)
    {
        string? id = null, status = null;
        int? pricePrecision = null, sizePrecision = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { id = ReadString(ref reader); }
            else if (reader.ValueTextEquals("status"u8)) { status = ReadString(ref reader); }
            else if (reader.ValueTextEquals("quote_increment"u8)) { pricePrecision = Decimals(ref reader); }
            else if (reader.ValueTextEquals("base_increment"u8)) { sizePrecision = Decimals(ref reader); }
            else { SkipValue(ref reader); }
        }

        var symbol = id is null ? null : CoinbaseSymbols.FromProductId(id);
        return symbol is not { } s
            ? throw new JsonException($"a status product with no usable id '{id}'")
            : new InstrumentInfo { Venue = _context.Venue, Symbol = s, VenueSymbol = id!, PricePrecision = pricePrecision, SizePrecision = sizePrecision, Status = status, ExchangeTime = context.Time, ReceivedAt = context.ReceivedAt };
    }

    private static int Decimals(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return Utf8Decimal.TryParse(reader.ValueSpan, out _, out var scale) ? scale : throw new FormatException("not a decimal increment");
    }

    /// <summary>
    /// <c>{"subscriptions":{"level2":["BTC-USD"],...}}</c>: the connection's subscriptions after a request. It answers the
    /// oldest open request: a subscribe succeeded for the products now listed, an unsubscribe for those no longer listed.
    /// </summary>
    private void SubscriptionsEvent(ref Utf8JsonReader reader, DateTimeOffset receivedAt, IFrameSink sink)
    {
        var listed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("subscriptions"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject);
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                var ids = new HashSet<string>(StringComparer.Ordinal);
                Expect(ref reader, JsonTokenType.StartArray);
                while (Next(ref reader) == JsonTokenType.String)
                {
                    ids.Add(reader.GetString()!);
                }

                listed[name] = ids;
            }
        }

        if (NextPending() is not { Channel: { } channel } pending)
        {
            return; // The answer to heartbeats/status: nothing the host tracks.
        }

        var now = listed.TryGetValue(ChannelName(channel), out var current) ? current : [];
        foreach (var symbol in pending.Symbols)
        {
            var present = now.Contains(CoinbaseSymbols.ProductId(symbol));
            var success = pending.Subscribe == present;
            sink.Publish(new SubscriptionAck
            {
                Venue = _context.Venue,
                Channel = channel,
                Symbol = symbol,
                IsSubscribe = pending.Subscribe,
                Success = success,
                Error = success ? null : $"{CoinbaseSymbols.ProductId(symbol)} is {(present ? "still" : "not")} listed in the venue's subscriptions",
                ReceivedAt = receivedAt,
            });
        }
    }
}
