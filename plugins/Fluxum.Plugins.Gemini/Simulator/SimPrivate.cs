using System.Globalization;
using System.Text.Json;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>Private REST responses: balances, my trades and transfers, paged like Gemini (rows on/after a time).</summary>
internal static class SimPrivate
{
    public static (int, string) Balances(SimAccount account) =>
        (200, "[" + string.Join(',', account.Balances().Select(b =>
            $"{{\"type\":\"exchange\",\"currency\":\"{b.Key}\",\"amount\":\"{SimWire.Dec(b.Value, 8)}\",\"available\":\"{SimWire.Dec(b.Value, 8)}\",\"availableForWithdrawal\":\"{SimWire.Dec(b.Value, 8)}\"}}")) + "]");

    public static (int, string) MyTrades(SimAccount account, JsonElement payload)
    {
        var symbol = payload.TryGetProperty("symbol", out var s) ? s.GetString()?.ToLowerInvariant() : null;
        if (symbol is null || !account.Trades.TryGetValue(symbol, out var trades))
        {
            return (400, SimWire.RestError("InvalidSymbol", $"Supplied value '{symbol}' is not a valid symbol"));
        }

        var limit = Math.Clamp(Int(payload, "limit_trades", 50), 1, 500);
        var rows = Page(trades, t => t.TimestampMs, Since(payload), limit).Select(t =>
            $"{{\"price\":\"{SimWire.Dec(t.Price, 2)}\",\"amount\":\"{t.Amount.ToString(CultureInfo.InvariantCulture)}\",\"timestamp\":{SimWire.Int(t.TimestampMs / 1000)},\"timestampms\":{SimWire.Int(t.TimestampMs)},\"type\":\"{t.Type}\",\"aggressor\":true,\"fee_currency\":\"{t.FeeCurrency}\",\"fee_amount\":\"{SimWire.Dec(t.Fee, 2)}\",\"tid\":{SimWire.Int(t.Tid)},\"order_id\":\"{SimWire.Int(t.OrderId)}\",\"client_order_id\":\"\",\"exchange\":\"gemini\",\"is_auction_fill\":false,\"break\":\"\"}}");
        return (200, "[" + string.Join(',', rows) + "]");
    }

    public static (int, string) Transfers(SimAccount account, JsonElement payload)
    {
        var limit = Math.Clamp(Int(payload, "limit_transfers", 10), 1, 50);
        var rows = Page(account.Transfers, t => t.TimestampMs, Since(payload), limit).Select(t =>
            $"{{\"type\":\"{t.Type}\",\"status\":\"Complete\",\"timestampms\":{SimWire.Int(t.TimestampMs)},\"eid\":{SimWire.Int(t.Eid)},\"currency\":\"{t.Currency}\",\"amount\":\"{t.Amount.ToString(CultureInfo.InvariantCulture)}\",\"feeAmount\":\"{t.Fee.ToString(CultureInfo.InvariantCulture)}\",\"feeCurrency\":\"{t.Currency}\",\"method\":\"{(t.Currency == "USD" ? "ACH" : "Blockchain")}\",\"txHash\":\"{SimWire.Int(t.Eid * 7919)}\"}}");
        return (200, "[" + string.Join(',', rows) + "]");
    }

    /// <summary>The oldest <paramref name="limit"/> rows on/after <paramref name="since"/>, returned newest first.</summary>
    private static IEnumerable<T> Page<T>(List<T> oldestFirst, Func<T, long> time, long since, int limit) =>
        oldestFirst.Where(r => time(r) >= since).Take(limit).Reverse();

    private static long Since(JsonElement payload)
    {
        if (!payload.TryGetProperty("timestamp", out var t))
        {
            return 0;
        }

        var value = t.ValueKind == JsonValueKind.String ? long.Parse(t.GetString()!, CultureInfo.InvariantCulture) : t.GetInt64();
        return value < 100_000_000_000 ? value * 1000 : value;
    }

    private static int Int(JsonElement payload, string name, int fallback) =>
        payload.TryGetProperty(name, out var v) ? v.GetInt32() : fallback;
}
