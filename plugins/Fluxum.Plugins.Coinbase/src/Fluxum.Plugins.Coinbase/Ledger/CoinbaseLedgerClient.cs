using System.Globalization;
using System.Text.Json;
using Fluxum.Plugins.Coinbase.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;

namespace Fluxum.Plugins.Coinbase.Ledger;

/// <summary>
/// Balances from List Accounts (<c>GET /api/v3/brokerage/accounts</c>, paged by <c>cursor</c> while <c>has_next</c>) and
/// ledger entries from List Fills (<c>GET /api/v3/brokerage/orders/historical/fills</c>, paged by <c>cursor</c>): each
/// fill is a trade entry per currency and a fee entry (the commission, in the quote currency).
/// </summary>
internal sealed class CoinbaseLedgerClient : ILedgerClient
{
    internal const int AccountsPage = 250;
    internal const int FillsPage = 100;
    private const string AccountsPath = "/api/v3/brokerage/accounts";
    private const string FillsPath = "/api/v3/brokerage/orders/historical/fills";
    private readonly CoinbaseRestClient _rest;
    private readonly TimeProvider _time;
    private readonly string _venue;

    public CoinbaseLedgerClient(CoinbaseRestClient rest, string venue, TimeProvider time)
    {
        _rest = rest;
        _venue = venue;
        _time = time;
    }

    public async Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default)
    {
        var balances = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        string? cursor = null;
        do
        {
            var query = $"{AccountsPath}?limit={AccountsPage}" + (string.IsNullOrEmpty(cursor) ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            using var doc = await _rest.GetAsync(query, cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            foreach (var account in root.GetProperty("accounts").EnumerateArray())
            {
                var currency = account.GetProperty("currency").GetString()!.ToUpperInvariant();
                // The account's total: what is available plus what is on hold.
                var total = Amount(account, "available_balance") + Amount(account, "hold");
                balances[currency] = balances.GetValueOrDefault(currency) + total;
            }

            cursor = root.TryGetProperty("has_next", out var next) && next.GetBoolean() ? root.GetProperty("cursor").GetString() : null;
        }
        while (!string.IsNullOrEmpty(cursor));

        return balances;
    }

    public async Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Type is { Kind: not (LedgerEntryKind.Trade or LedgerEntryKind.Fee) })
        {
            return []; // Fills are all this client reads: no deposits, withdrawals or other kinds.
        }

        var entries = new List<LedgerEntry>();
        string? cursor = null;
        do
        {
            var path = $"{FillsPath}?limit={FillsPage}"
                + (query.Start is { } start ? "&start_sequence_timestamp=" + Uri.EscapeDataString(start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)) : string.Empty)
                + (query.End is { } end ? "&end_sequence_timestamp=" + Uri.EscapeDataString(end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)) : string.Empty)
                + (string.IsNullOrEmpty(cursor) ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            using var doc = await _rest.GetAsync(path, cancellationToken).ConfigureAwait(false);
            var root = doc.RootElement;
            var receivedAt = _time.GetUtcNow();
            foreach (var fill in root.GetProperty("fills").EnumerateArray())
            {
                entries.AddRange(FillEntries(fill, _venue, receivedAt));
            }

            cursor = root.TryGetProperty("cursor", out var c) ? c.GetString() : null;
        }
        while (!string.IsNullOrEmpty(cursor) && (query.Limit is null || entries.Count < query.Limit * 3));

        var result = entries.Where(query.Matches).OrderByDescending(e => e.Time).ThenBy(e => e.Id, StringComparer.Ordinal);
        return query.Limit is { } limit ? [.. result.Take(limit)] : [.. result];
    }

    /// <summary>One fill as three entries: the base leg, the quote leg and the commission.</summary>
    internal static IEnumerable<LedgerEntry> FillEntries(JsonElement fill, string venue, DateTimeOffset receivedAt)
    {
        var product = fill.GetProperty("product_id").GetString()!;
        var symbol = CoinbaseSymbols.FromProductId(product) ?? throw new FormatException($"fill for an unknown product '{product}'");
        var id = fill.GetProperty("entry_id").GetString()!;
        var tradeId = fill.TryGetProperty("trade_id", out var t) ? t.GetString() : null;
        var price = Dec(fill.GetProperty("price"));
        var size = Dec(fill.GetProperty("size"));
        var inQuote = fill.TryGetProperty("size_in_quote", out var q) && q.ValueKind == JsonValueKind.True;
        var baseSize = inQuote ? size / price : size;
        var quoteSize = inQuote ? size : size * price;
        var commission = fill.TryGetProperty("commission", out var fee) ? Dec(fee) : 0m;
        var sign = fill.GetProperty("side").GetString() == "BUY" ? 1m : -1m;
        var time = DateTimeOffset.Parse(fill.GetProperty("trade_time").GetString()!, CultureInfo.InvariantCulture);
        LedgerEntry Entry(string suffix, LedgerEntryType type, string asset, decimal amount, decimal entryFee) => new()
        {
            Venue = venue,
            Id = id + suffix,
            Type = type,
            Asset = asset,
            Amount = amount,
            Fee = entryFee,
            ReferenceId = tradeId,
            Time = time,
            ExchangeTime = time,
            ReceivedAt = receivedAt,
        };

        yield return Entry(":base", LedgerEntryType.Trade, symbol.Base, sign * baseSize, 0m);
        yield return Entry(":quote", LedgerEntryType.Trade, symbol.Quote, -sign * quoteSize, 0m);
        if (commission != 0m)
        {
            yield return Entry(":fee", LedgerEntryType.Fee, symbol.Quote, -commission, commission);
        }
    }

    private static decimal Amount(JsonElement account, string name) =>
        account.TryGetProperty(name, out var money) && money.ValueKind == JsonValueKind.Object ? Dec(money.GetProperty("value")) : 0m;

    private static decimal Dec(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
        : value.GetDecimal();
}
