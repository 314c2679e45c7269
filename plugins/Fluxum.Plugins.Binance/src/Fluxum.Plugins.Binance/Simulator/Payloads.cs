using System.Globalization;
using System.Text.Json;
using Fluxum.Plugins.Binance.Wire;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Binance.Simulator;

/// <summary>The simulator's stream payloads and answers, field by field as web-socket-streams.md shows them.</summary>
internal static class Payloads
{
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Upper(string streamSymbol) => streamSymbol.ToUpperInvariant();

    /// <summary><c>{"stream":"&lt;name&gt;","data":&lt;payload&gt;}</c>.</summary>
    public static byte[] Wrap(string stream, byte[] payload)
    {
        var head = System.Text.Encoding.UTF8.GetBytes($"{{\"stream\":\"{stream}\",\"data\":");
        var frame = new byte[head.Length + payload.Length + 1];
        head.CopyTo(frame, 0);
        payload.CopyTo(frame, head.Length);
        frame[^1] = (byte)'}';
        return frame;
    }

    /// <summary><c>{"e":"serverShutdown","E":1770123456789}</c> (web-socket-streams.md, "Server Shutdown").</summary>
    public static byte[] ServerShutdown(DateTimeOffset now) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("e", "serverShutdown");
        json.WriteNumber("E", now.ToUnixTimeMilliseconds());
        json.WriteEndObject();
    });

    public static byte[] Result(JsonElement? id, Action<Utf8JsonWriter> result) => Json(json =>
    {
        json.WriteStartObject();
        json.WritePropertyName("result");
        result(json);
        WriteId(json, id);
        json.WriteEndObject();
    });

    /// <summary>A documented error: <c>{"code": 2, "msg": "...", "id": N}</c> (the id only where the request had a readable one).</summary>
    public static byte[] Error(int code, string message, JsonElement? id) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("code", code);
        json.WriteString("msg", message);
        if (id is not null)
        {
            WriteId(json, id);
        }

        json.WriteEndObject();
    });

    public static byte[] Depth(string name, long first, long last, IReadOnlyList<LevelChange> changes, DateTimeOffset now) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("e", "depthUpdate");
        json.WriteNumber("E", now.ToUnixTimeMilliseconds());
        json.WriteString("s", Upper(name));
        json.WriteNumber("U", first);
        json.WriteNumber("u", last);
        Levels(json, "b", changes, BookSide.Bid);
        Levels(json, "a", changes, BookSide.Ask);
        json.WriteEndObject();
    });

    public static void Levels(Utf8JsonWriter json, string name, IEnumerable<LevelChange> changes, BookSide side)
    {
        json.WriteStartArray(name);
        foreach (var change in changes)
        {
            if (change.Side == side)
            {
                json.WriteStartArray();
                json.WriteStringValue(Text(change.Price));
                json.WriteStringValue(Text(change.Size));
                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
    }

    public static byte[] BookTicker(string name, long updateId, BookTop top) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("u", updateId);
        json.WriteString("s", Upper(name));
        json.WriteString("b", Text(top.Bid.Price));
        json.WriteString("B", Text(top.Bid.Size));
        json.WriteString("a", Text(top.Ask.Price));
        json.WriteString("A", Text(top.Ask.Size));
        json.WriteEndObject();
    });

    public static byte[] Trade(string name, SimulatedTrade trade, DateTimeOffset now) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("e", "trade");
        json.WriteNumber("E", now.ToUnixTimeMilliseconds());
        json.WriteString("s", Upper(name));
        json.WriteNumber("t", trade.Id);
        json.WriteString("p", Text(trade.Price));
        json.WriteString("q", Text(trade.Size));
        json.WriteNumber("T", trade.Time.ToUnixTimeMilliseconds());
        json.WriteBoolean("m", trade.TakerSide == Side.Sell);
        json.WriteBoolean("M", true);
        json.WriteEndObject();
    });

    public static byte[] Kline(string name, SimulatedCandle candle, bool closed, DateTimeOffset now) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("e", "kline");
        json.WriteNumber("E", now.ToUnixTimeMilliseconds());
        json.WriteString("s", Upper(name));
        json.WriteStartObject("k");
        json.WriteNumber("t", candle.Start.ToUnixTimeMilliseconds());
        json.WriteNumber("T", candle.End.ToUnixTimeMilliseconds() - 1);
        json.WriteString("s", Upper(name));
        json.WriteString("i", BinanceStreams.IntervalName(candle.Interval));
        json.WriteNumber("f", 0);
        json.WriteNumber("L", candle.Count);
        json.WriteString("o", Text(candle.Open));
        json.WriteString("c", Text(candle.Close));
        json.WriteString("h", Text(candle.High));
        json.WriteString("l", Text(candle.Low));
        json.WriteString("v", Text(candle.Volume));
        json.WriteNumber("n", candle.Count);
        json.WriteBoolean("x", closed);
        json.WriteString("q", Text(candle.Notional));
        json.WriteString("V", "0");
        json.WriteString("Q", "0");
        json.WriteString("B", "0");
        json.WriteEndObject();
        json.WriteEndObject();
    });

    public static byte[] DayTicker(string name, SimulatedMarket model, BookTop top, DateTimeOffset now) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("e", "24hrTicker");
        json.WriteNumber("E", now.ToUnixTimeMilliseconds());
        json.WriteString("s", Upper(name));
        json.WriteString("p", Text(model.LastPrice - model.Open));
        json.WriteString("P", Text(model.Open == 0m ? 0m : Math.Round((model.LastPrice - model.Open) / model.Open * 100m, 2)));
        json.WriteString("w", Text(model.Vwap));
        json.WriteString("x", Text(model.Open));
        json.WriteString("c", Text(model.LastPrice));
        json.WriteString("Q", Text(model.LastSize));
        json.WriteString("b", Text(top.Bid.Price));
        json.WriteString("B", Text(top.Bid.Size));
        json.WriteString("a", Text(top.Ask.Price));
        json.WriteString("A", Text(top.Ask.Size));
        json.WriteString("o", Text(model.Open));
        json.WriteString("h", Text(model.High));
        json.WriteString("l", Text(model.Low));
        json.WriteString("v", Text(model.Volume));
        json.WriteString("q", Text(model.Notional));
        json.WriteNumber("O", now.ToUnixTimeMilliseconds() - 86_400_000);
        json.WriteNumber("C", now.ToUnixTimeMilliseconds());
        json.WriteNumber("F", 0);
        json.WriteNumber("L", model.TradeCount);
        json.WriteNumber("n", model.TradeCount);
        json.WriteEndObject();
    });

    private static void WriteId(Utf8JsonWriter json, JsonElement? id)
    {
        json.WritePropertyName("id");
        if (id is { } value)
        {
            value.WriteTo(json);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
