using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>The v2 messages the simulator sends, in Kraken's documented shapes.</summary>
internal static class SimMessages
{
    public static byte[] Status(ulong connectionId) => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("channel", "status");
        w.WriteString("type", "update");
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("version", "2.0.10");
        w.WriteString("system", "online");
        w.WriteString("api_version", "v2");
        w.WriteNumber("connection_id", connectionId);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Heartbeat { get; } = "{\"channel\":\"heartbeat\"}"u8.ToArray();

    public static byte[] Ack(string method, long? reqId, DateTimeOffset now, Action<Utf8JsonWriter> result) => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("method", method);
        w.WriteStartObject("result");
        result(w);
        w.WriteEndObject();
        w.WriteBoolean("success", true);
        w.WriteString("time_in", SimJson.Time(now));
        w.WriteString("time_out", SimJson.Time(now));
        if (reqId is { } id)
        {
            w.WriteNumber("req_id", id);
        }

        w.WriteEndObject();
    });

    public static byte[] ErrorAck(string method, long? reqId, string? symbol, string error, DateTimeOffset now) => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("error", error);
        w.WriteString("method", method);
        if (reqId is { } id)
        {
            w.WriteNumber("req_id", id);
        }

        w.WriteBoolean("success", false);
        if (symbol is not null)
        {
            w.WriteString("symbol", symbol);
        }

        w.WriteString("time_in", SimJson.Time(now));
        w.WriteString("time_out", SimJson.Time(now));
        w.WriteEndObject();
    });

    public static byte[] Pong(long? reqId, DateTimeOffset now) => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("method", "pong");
        if (reqId is { } id)
        {
            w.WriteNumber("req_id", id);
        }

        w.WriteString("time_in", SimJson.Time(now));
        w.WriteString("time_out", SimJson.Time(now));
        w.WriteEndObject();
    });

    public static byte[] Book(SimPair pair, bool snapshot, OrderBook mirror, IReadOnlyList<LevelChange>? changes, uint checksum, DateTimeOffset now) => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("channel", "book");
        w.WriteString("type", snapshot ? "snapshot" : "update");
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("symbol", pair.Symbol.ToString());
        foreach (var side in new[] { BookSide.Bid, BookSide.Ask })
        {
            w.WriteStartArray(side == BookSide.Bid ? "bids" : "asks");
            if (snapshot)
            {
                var view = side == BookSide.Bid ? mirror.Bids : mirror.Asks;
                for (var i = 0; i < view.Count; i++)
                {
                    Level(w, pair, view[i].Price, view[i].Size);
                }
            }
            else
            {
                foreach (var c in changes!)
                {
                    if (c.Side == side)
                    {
                        Level(w, pair, c.Price, c.Size);
                    }
                }
            }

            w.WriteEndArray();
        }

        w.WriteNumber("checksum", checksum);
        w.WriteString("timestamp", SimJson.Time(now));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Ticker(SimPair pair, bool snapshot, DateTimeOffset now) => SimJson.Write(w =>
    {
        var m = pair.Market;
        var p = pair.Precision;
        w.WriteStartObject();
        w.WriteString("channel", "ticker");
        w.WriteString("type", snapshot ? "snapshot" : "update");
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("symbol", pair.Symbol.ToString());
        var bid = m.Book.Bids.Count > 0 ? m.Book.Bids[0] : default;
        var ask = m.Book.Asks.Count > 0 ? m.Book.Asks[0] : default;
        w.Fixed("bid", bid.Price, p.Price);
        w.Fixed("bid_qty", bid.Size, p.Quantity);
        w.Fixed("ask", ask.Price, p.Price);
        w.Fixed("ask_qty", ask.Size, p.Quantity);
        w.Fixed("last", m.LastPrice, p.Price);
        w.Fixed("volume", m.Volume, p.Quantity);
        w.Fixed("vwap", m.Vwap, p.Price);
        w.Fixed("low", m.Low, p.Price);
        w.Fixed("high", m.High, p.Price);
        w.Fixed("change", m.LastPrice - m.Open, p.Price);
        w.Fixed("change_pct", m.Open == 0 ? 0 : Math.Round((m.LastPrice - m.Open) / m.Open * 100m, 2), 2);
        w.WriteString("timestamp", SimJson.Time(now));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Trades(SimPair pair, IReadOnlyList<SimulatedTrade> trades) => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("channel", "trade");
        w.WriteString("type", "update");
        w.WriteStartArray("data");
        foreach (var t in trades)
        {
            w.WriteStartObject();
            w.WriteString("symbol", pair.Symbol.ToString());
            w.WriteString("side", t.TakerSide == Side.Buy ? "buy" : "sell");
            w.Fixed("price", t.Price, pair.Precision.Price);
            w.Fixed("qty", t.Size, pair.Precision.Quantity);
            w.WriteString("ord_type", "market");
            w.WriteNumber("trade_id", t.Id);
            w.WriteString("timestamp", SimJson.Time(t.Time));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Candle(SimPair pair, int minutes, SimulatedCandle c, bool snapshot, DateTimeOffset now) => SimJson.Write(w =>
    {
        var p = pair.Precision;
        w.WriteStartObject();
        w.WriteString("channel", "ohlc");
        w.WriteString("type", snapshot ? "snapshot" : "update");
        w.WriteString("timestamp", SimJson.Time9(now));
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("symbol", pair.Symbol.ToString());
        w.Fixed("open", c.Open, p.Price);
        w.Fixed("high", c.High, p.Price);
        w.Fixed("low", c.Low, p.Price);
        w.Fixed("close", c.Close, p.Price);
        w.WriteNumber("trades", c.Count);
        w.Fixed("volume", c.Volume, p.Quantity);
        w.Fixed("vwap", Math.Round(c.Vwap, p.Price + 2), p.Price + 2);
        w.WriteString("interval_begin", SimJson.Time9(c.Start));
        w.WriteNumber("interval", minutes);
        w.WriteString("timestamp", SimJson.Time(c.End));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Instruments(IEnumerable<SimPair> pairs) => SimJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("channel", "instrument");
        w.WriteString("type", "snapshot");
        w.WriteStartObject("data");
        w.WriteStartArray("assets");
        w.WriteEndArray();
        w.WriteStartArray("pairs");
        foreach (var pair in pairs)
        {
            w.WriteStartObject();
            w.WriteString("symbol", pair.Symbol.ToString());
            w.WriteString("base", pair.Symbol.Base);
            w.WriteString("quote", pair.Symbol.Quote);
            w.WriteString("status", "online");
            w.WriteNumber("qty_precision", pair.Precision.Quantity);
            w.WriteNumber("price_precision", pair.Precision.Price);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void Level(Utf8JsonWriter w, SimPair pair, decimal price, decimal qty)
    {
        w.WriteStartObject();
        w.Fixed("price", price, pair.Precision.Price);
        w.Fixed("qty", qty, pair.Precision.Quantity);
        w.WriteEndObject();
    }
}
