using System.Globalization;
using System.Text;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>Formats the simulator's frames exactly as Gemini's wire shows them.</summary>
internal static class SimWire
{
    public static string Dec(decimal value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static long Nanos(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>v2 <c>l2_updates</c>; with <paramref name="trades"/> it is the initial message.</summary>
    public static string L2(SimSymbol s, IEnumerable<LevelChange> changes, IReadOnlyList<SimulatedTrade>? trades)
    {
        var b = new StringBuilder(256);
        b.Append("{\"type\":\"l2_updates\",\"symbol\":\"").Append(s.Venue.ToUpperInvariant()).Append("\",\"changes\":[");
        var first = true;
        foreach (var c in changes)
        {
            b.Append(first ? "" : ",").Append("[\"").Append(c.Side == BookSide.Bid ? "buy" : "sell").Append("\",\"")
                .Append(Dec(c.Price, s.Market.PricePrecision)).Append("\",\"").Append(c.Size == 0m ? "0" : Dec(c.Size, s.Market.SizePrecision)).Append("\"]");
            first = false;
        }

        b.Append(']');
        if (trades is not null)
        {
            b.Append(",\"trades\":[");
            for (var i = trades.Count - 1; i >= 0; i--)
            {
                b.Append(i == trades.Count - 1 ? "" : ",").Append(V2Trade(s, trades[i], "eventid"));
            }

            b.Append("],\"auction_events\":[]");
        }

        return b.Append('}').ToString();
    }

    public static string V2Trade(SimSymbol s, SimulatedTrade t, string idName = "event_id") =>
        $"{{\"type\":\"trade\",\"symbol\":\"{s.Venue.ToUpperInvariant()}\",\"{idName}\":{Int(t.Id + 1_000_000)},\"timestamp\":{Int(t.Time.ToUnixTimeMilliseconds())},\"price\":\"{Dec(t.Price, s.Market.PricePrecision)}\",\"quantity\":\"{Dec(t.Size, s.Market.SizePrecision)}\",\"side\":\"{(t.TakerSide == Fluxum.Sdk.Side.Buy ? "buy" : "sell")}\",\"tid\":{Int(t.Id)}}}";

    public static string V2Candles(SimSymbol s, string feed, IEnumerable<SimulatedCandle> newestFirst)
    {
        var b = new StringBuilder(128).Append("{\"type\":\"").Append(feed).Append("_updates\",\"symbol\":\"").Append(s.Venue.ToUpperInvariant()).Append("\",\"changes\":[");
        var first = true;
        foreach (var c in newestFirst)
        {
            b.Append(first ? "" : ",").Append('[').Append(Int(c.Start.ToUnixTimeMilliseconds())).Append(',')
                .Append(Num(c.Open)).Append(',').Append(Num(c.High)).Append(',').Append(Num(c.Low)).Append(',').Append(Num(c.Close)).Append(',').Append(Num(c.Volume)).Append(']');
            first = false;
        }

        return b.Append("]}").ToString();
    }

    public static string Heartbeat(DateTimeOffset now) => $"{{\"type\":\"heartbeat\",\"timestamp\":{Int(now.ToUnixTimeMilliseconds())}}}";

    /// <summary>New API <c>depthUpdate</c>.</summary>
    public static string Depth(SimSymbol s, long first, long last, DateTimeOffset now, IEnumerable<LevelChange> changes)
    {
        var b = new StringBuilder(256);
        b.Append("{\"e\":\"depthUpdate\",\"E\":").Append(Int(Nanos(now))).Append(",\"s\":\"").Append(s.Venue).Append("\",\"U\":").Append(Int(first)).Append(",\"u\":").Append(Int(last));
        Side(b, ",\"b\":[", s, changes, BookSide.Bid);
        Side(b, "],\"a\":[", s, changes, BookSide.Ask);
        return b.Append("]}").ToString();
    }

    public static string BookTicker(SimSymbol s, long id, DateTimeOffset now, BookTop top) =>
        $"{{\"u\":{Int(id)},\"E\":{Int(Nanos(now))},\"s\":\"{s.Venue}\",\"b\":\"{Dec(top.Bid.Price, s.Market.PricePrecision)}\",\"B\":\"{Dec(top.Bid.Size, s.Market.SizePrecision)}\",\"a\":\"{Dec(top.Ask.Price, s.Market.PricePrecision)}\",\"A\":\"{Dec(top.Ask.Size, s.Market.SizePrecision)}\",\"c\":\"{Dec(s.Market.LastPrice, s.Market.PricePrecision)}\",\"C\":\"{Dec(s.Market.LastSize, s.Market.SizePrecision)}\"}}";

    public static string WsTrade(SimSymbol s, SimulatedTrade t) =>
        $"{{\"E\":{Int(Nanos(t.Time))},\"s\":\"{s.Venue}\",\"t\":{Int(t.Id)},\"p\":\"{Dec(t.Price, s.Market.PricePrecision)}\",\"q\":\"{Dec(t.Size, s.Market.SizePrecision)}\",\"m\":{(t.TakerSide == Fluxum.Sdk.Side.Sell ? "true" : "false")}}}";

    public static string Ack(string id) => $"{{\"id\":{id},\"status\":200}}";

    public static string WsError(string id, int status, int code, string message) =>
        $"{{\"id\":{id},\"status\":{Int(status)},\"error\":{{\"code\":{Int(code)},\"msg\":\"{message}\"}}}}";

    public static string RestError(string reason, string message) => $"{{\"result\":\"error\",\"reason\":\"{reason}\",\"message\":\"{message}\"}}";

    private static void Side(StringBuilder b, string open, SimSymbol s, IEnumerable<LevelChange> changes, BookSide side)
    {
        b.Append(open);
        var first = true;
        foreach (var c in changes)
        {
            if (c.Side == side)
            {
                b.Append(first ? "" : ",").Append("[\"").Append(Dec(c.Price, s.Market.PricePrecision)).Append("\",\"").Append(Dec(c.Size, s.Market.SizePrecision)).Append("\"]");
                first = false;
            }
        }
    }

    private static string Num(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
