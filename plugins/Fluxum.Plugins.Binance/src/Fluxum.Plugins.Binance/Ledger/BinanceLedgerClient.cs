using System.Globalization;
using System.Text.Json;
using Fluxum.Plugins.Binance.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Binance.Ledger;

/// <summary>
/// The account's ledger over SIGNED REST: balances from <c>GET /api/v3/account</c> (weight 20; free + locked), and
/// trades from <c>GET /api/v3/myTrades</c> per symbol (weight 20), each trade two entries (base and quote) and a fee
/// entry in <c>commissionAsset</c>.
/// </summary>
internal sealed class BinanceLedgerClient(VenueContext context, BinanceRestClient rest, IReadOnlyList<Symbol> symbols) : ILedgerClient
{
    public async Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default)
    {
        var body = await rest.GetSignedAsync("/api/v3/account", "omitZeroBalances=true", 20, cancellationToken).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(body);
        var balances = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var balance in doc.RootElement.GetProperty("balances").EnumerateArray())
        {
            balances[balance.GetProperty("asset").GetString()!] = Dec(balance, "free") + Dec(balance, "locked");
        }

        return balances;
    }

    public async Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = new List<LedgerEntry>();
        foreach (var symbol in symbols)
        {
            if (query.Asset is { } asset && !asset.Equals(symbol.Base, StringComparison.OrdinalIgnoreCase) && !asset.Equals(symbol.Quote, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var q = "symbol=" + BinanceSymbols.RestName(symbol);
            if (query.Start is { } start)
            {
                q += "&startTime=" + start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            }

            var body = await rest.GetSignedAsync("/api/v3/myTrades", q, 20, cancellationToken).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(body);
            foreach (var trade in doc.RootElement.EnumerateArray())
            {
                entries.AddRange(Entries(context.Venue, symbol, trade));
            }
        }

        var matching = entries.Where(query.Matches).OrderBy(e => e.Time).ToList();
        return query.Limit is { } limit ? matching.TakeLast(limit).ToList() : matching;
    }

    /// <summary>One trade of <c>myTrades</c> as ledger entries: base and quote legs, and the commission.</summary>
    internal static IEnumerable<LedgerEntry> Entries(string venue, Symbol symbol, JsonElement trade)
    {
        var id = trade.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        var time = DateTimeOffset.FromUnixTimeMilliseconds(trade.GetProperty("time").GetInt64());
        var buyer = trade.GetProperty("isBuyer").GetBoolean();
        var qty = Dec(trade, "qty");
        var quote = Dec(trade, "quoteQty");
        var sign = buyer ? 1m : -1m;
        var order = trade.TryGetProperty("orderId", out var o) ? o.GetInt64().ToString(CultureInfo.InvariantCulture) : null;
        yield return Entry(venue, $"{id}-base", LedgerEntryType.Trade, symbol.Base, sign * qty, order, time);
        yield return Entry(venue, $"{id}-quote", LedgerEntryType.Trade, symbol.Quote, -sign * quote, order, time);
        var commission = Dec(trade, "commission");
        if (commission != 0m)
        {
            yield return Entry(venue, $"{id}-fee", LedgerEntryType.Fee, trade.GetProperty("commissionAsset").GetString()!, -commission, order, time) with { Fee = commission };
        }
    }

    private static LedgerEntry Entry(string venue, string id, LedgerEntryType type, string asset, decimal amount, string? reference, DateTimeOffset time) => new()
    {
        Venue = venue,
        Id = id,
        Type = type,
        Asset = asset,
        Amount = amount,
        ReferenceId = reference,
        Time = time,
        ExchangeTime = time,
        ReceivedAt = time,
    };

    private static decimal Dec(JsonElement element, string name) =>
        decimal.Parse(element.GetProperty(name).GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
}
