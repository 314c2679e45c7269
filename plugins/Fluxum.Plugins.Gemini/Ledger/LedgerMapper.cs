using System.Globalization;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;

namespace Fluxum.Plugins.Gemini.Ledger;

/// <summary>Maps Gemini's transfers and my-trades rows to ledger entries.</summary>
internal static class LedgerMapper
{
    /// <summary>A <c>/v2/transfers</c> row: a deposit (+), withdrawal (−) or adjustment.</summary>
    public static LedgerEntry Transfer(JsonElement row, DateTimeOffset receivedAt)
    {
        var type = row.GetProperty("type").GetString();
        var amount = Dec(row.GetProperty("amount"));
        var (entryType, sign) = type switch
        {
            "Deposit" => (LedgerEntryType.Deposit, 1m),
            "Withdrawal" => (LedgerEntryType.Withdrawal, -1m),
            "Reward" or "AdminCredit" => (LedgerEntryType.Adjustment, 1m),
            "AdminDebit" => (LedgerEntryType.Adjustment, -1m),
            _ => (LedgerEntryType.Other(type ?? "transfer"), 1m),
        };
        var time = DateTimeOffset.FromUnixTimeMilliseconds(row.GetProperty("timestampms").GetInt64());
        return new LedgerEntry
        {
            Venue = GeminiPlugin.VenueName,
            Id = "transfer:" + row.GetProperty("eid").GetInt64().ToString(CultureInfo.InvariantCulture),
            Type = entryType,
            SubType = row.TryGetProperty("status", out var status) ? status.GetString() : null,
            Asset = row.GetProperty("currency").GetString()!.ToUpperInvariant(),
            Amount = sign * amount,
            Fee = row.TryGetProperty("feeAmount", out var fee) && fee.ValueKind != JsonValueKind.Null ? Dec(fee) : 0m,
            ReferenceId = row.TryGetProperty("txHash", out var tx) ? tx.GetString() : null,
            Time = time,
            ExchangeTime = time,
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>A <c>/v1/mytrades</c> row: a trade entry per side (base and quote) and a fee entry.</summary>
    public static IEnumerable<LedgerEntry> Trade(JsonElement row, Symbol symbol, DateTimeOffset receivedAt)
    {
        var tid = row.GetProperty("tid").GetInt64().ToString(CultureInfo.InvariantCulture);
        var price = Dec(row.GetProperty("price"));
        var amount = Dec(row.GetProperty("amount"));
        var buy = string.Equals(row.GetProperty("type").GetString(), "Buy", StringComparison.OrdinalIgnoreCase);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(row.GetProperty("timestampms").GetInt64());
        var order = row.TryGetProperty("order_id", out var o) ? o.ToString() : null;
        var sub = buy ? "buy" : "sell";
        yield return Entry("trade:" + tid + ":" + symbol.Base, LedgerEntryType.Trade, sub, symbol.Base, buy ? amount : -amount);
        yield return Entry("trade:" + tid + ":" + symbol.Quote, LedgerEntryType.Trade, sub, symbol.Quote, buy ? -(price * amount) : price * amount);
        var fee = row.TryGetProperty("fee_amount", out var f) ? Dec(f) : 0m;
        if (fee != 0m)
        {
            var feeAsset = row.TryGetProperty("fee_currency", out var fc) ? fc.GetString()!.ToUpperInvariant() : symbol.Quote;
            yield return Entry("fee:" + tid, LedgerEntryType.Fee, "trade fee", feeAsset, -fee) with { Fee = fee };
        }

        LedgerEntry Entry(string id, LedgerEntryType type, string subType, string asset, decimal value) => new()
        {
            Venue = GeminiPlugin.VenueName,
            Id = id,
            Type = type,
            SubType = subType,
            Asset = asset,
            Amount = value,
            ReferenceId = order,
            Time = time,
            ExchangeTime = time,
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>Reads a decimal given as a JSON string or number (Gemini uses both).</summary>
    public static decimal Dec(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : value.GetDecimal();
}
