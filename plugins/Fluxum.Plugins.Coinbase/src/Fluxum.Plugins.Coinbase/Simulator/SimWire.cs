using System.Globalization;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Coinbase.Simulator;

/// <summary>The simulator's server messages, in the documented envelope and field order.</summary>
internal static class SimWire
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static byte[] Envelope(string channel, long sequence, DateTimeOffset now, Action<Utf8JsonWriter> events)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("channel", channel);
            json.WriteString("client_id", string.Empty);
            json.WriteString("timestamp", Time(now));
            json.WriteNumber("sequence_num", sequence);
            json.WriteStartArray("events");
            events(json);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] Book(long sequence, DateTimeOffset now, Symbol symbol, bool snapshot, IEnumerable<LevelChange> changes) =>
        Envelope("l2_data", sequence, now, json =>
        {
            json.WriteStartObject();
            json.WriteString("type", snapshot ? "snapshot" : "update");
            json.WriteString("product_id", CoinbaseSymbols.ProductId(symbol));
            json.WriteStartArray("updates");
            foreach (var change in changes)
            {
                json.WriteStartObject();
                json.WriteString("side", change.Side == BookSide.Bid ? "bid" : "offer");
                json.WriteString("event_time", snapshot ? "1970-01-01T00:00:00Z" : Time(now));
                json.WriteString("price_level", Text(change.Price));
                json.WriteString("new_quantity", Text(change.Size));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    public static byte[] Trades(long sequence, DateTimeOffset now, Symbol symbol, IEnumerable<SimulatedTrade> trades) =>
        Envelope("market_trades", sequence, now, json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "update");
            json.WriteStartArray("trades");
            foreach (var trade in trades)
            {
                json.WriteStartObject();
                json.WriteString("trade_id", trade.Id.ToString(CultureInfo.InvariantCulture));
                json.WriteString("product_id", CoinbaseSymbols.ProductId(symbol));
                json.WriteString("price", Text(trade.Price));
                json.WriteString("size", Text(trade.Size));
                json.WriteString("side", trade.TakerSide == Side.Buy ? "BUY" : "SELL");
                json.WriteString("time", Time(trade.Time));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    public static byte[] Ticker(long sequence, DateTimeOffset now, Symbol symbol, SimulatedMarket market, bool snapshot) =>
        Envelope("ticker", sequence, now, json =>
        {
            var top = market.Book.Top;
            json.WriteStartObject();
            json.WriteString("type", snapshot ? "snapshot" : "update");
            json.WriteStartArray("tickers");
            json.WriteStartObject();
            json.WriteString("type", "ticker");
            json.WriteString("product_id", CoinbaseSymbols.ProductId(symbol));
            json.WriteString("price", Text(market.LastPrice));
            json.WriteString("volume_24_h", Text(market.Volume));
            json.WriteString("low_24_h", Text(market.Low));
            json.WriteString("high_24_h", Text(market.High));
            json.WriteString("low_52_w", Text(market.Low));
            json.WriteString("high_52_w", Text(market.High));
            json.WriteString("price_percent_chg_24_h", Text(market.Open == 0m ? 0m : Math.Round((market.LastPrice - market.Open) / market.Open * 100m, 8)));
            json.WriteString("best_bid", Text(top?.Bid.Price ?? market.LastPrice));
            json.WriteString("best_bid_quantity", Text(top?.Bid.Size ?? 0m));
            json.WriteString("best_ask", Text(top?.Ask.Price ?? market.LastPrice));
            json.WriteString("best_ask_quantity", Text(top?.Ask.Size ?? 0m));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });

    public static byte[] Candle(long sequence, DateTimeOffset now, Symbol symbol, SimulatedCandle candle, bool snapshot) =>
        Envelope("candles", sequence, now, json =>
        {
            json.WriteStartObject();
            json.WriteString("type", snapshot ? "snapshot" : "update");
            json.WriteStartArray("candles");
            json.WriteStartObject();
            json.WriteString("start", candle.Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            json.WriteString("high", Text(candle.High));
            json.WriteString("low", Text(candle.Low));
            json.WriteString("open", Text(candle.Open));
            json.WriteString("close", Text(candle.Close));
            json.WriteString("volume", Text(candle.Volume));
            json.WriteString("product_id", CoinbaseSymbols.ProductId(symbol));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });

    public static byte[] Heartbeat(long sequence, DateTimeOffset now, long counter) =>
        Envelope("heartbeats", sequence, now, json =>
        {
            json.WriteStartObject();
            json.WriteString("current_time", now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + " +0000 UTC");
            json.WriteString("heartbeat_counter", counter.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        });

    public static byte[] Status(long sequence, DateTimeOffset now, IEnumerable<Fluxum.Sdk.Plugins.SimulatedInstrument> instruments) =>
        Envelope("status", sequence, now, json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "snapshot");
            json.WriteStartArray("products");
            foreach (var i in instruments)
            {
                json.WriteStartObject();
                json.WriteString("product_type", "SPOT");
                json.WriteString("id", CoinbaseSymbols.ProductId(i.Symbol));
                json.WriteString("base_currency", i.Symbol.Base);
                json.WriteString("quote_currency", i.Symbol.Quote);
                json.WriteString("base_increment", Text(1m / Pow10(i.SizePrecision)));
                json.WriteString("quote_increment", Text(1m / Pow10(i.PricePrecision)));
                json.WriteString("display_name", i.Symbol.ToString());
                json.WriteString("status", "online");
                json.WriteString("status_message", string.Empty);
                json.WriteString("min_market_funds", "1");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

    public static byte[] Subscriptions(long sequence, DateTimeOffset now, IReadOnlyDictionary<string, IReadOnlyList<string>> subscriptions) =>
        Envelope("subscriptions", sequence, now, json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("subscriptions");
            foreach (var (channel, ids) in subscriptions)
            {
                json.WriteStartArray(channel);
                foreach (var id in ids)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });

    /// <summary>
    /// The error for a subscribe naming an unknown product. [UNCONFIRMED] the shape is the one observed on Coinbase's
    /// WebSocket feeds (<c>{"type":"error","message":"Failed to subscribe","reason":"... is not a valid product"}</c>);
    /// the Advanced Trade pages read do not show it.
    /// </summary>
    public static byte[] Error(string message, string reason)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "error");
            json.WriteString("message", message);
            json.WriteString("reason", reason);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++)
        {
            r *= 10m;
        }

        return r;
    }
}
