// ledger-summary.csx: balances and ledger entries by type over a time range, per venue with a ledger.
//
//   fluxum script run scripts/ledger-summary.csx [-- RANGE [ASSET]]
//     RANGE  how far back to look (1h, 7d, 4w), default 30d
//     ASSET  only this asset (BTC, USD), default all
//
// Needs a venue with API credentials whose plugin supports ledgers; without one it says so and stops.
//   LEDGER range 2026-10-25T02:31:00Z .. 2026-11-24T02:31:00Z asset all
//   BALANCE kraken BTC 1.5
//   ENTRIES kraken Trade BTC count 3 amount 0.75 fee 0.0001
//   TOTAL kraken entries 5
//   ERROR gemini Authentication: gemini: ...   (a venue that refused; the others are still summarised)

var range = DurationArg(0, "30d") ?? TimeSpan.FromDays(30);
var assetArg = Arg(1, "all");
var asset = assetArg.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : assetArg.ToUpperInvariant();

if (Ledgers.Count == 0)
{
    Print("LEDGER none: no venue has a ledger. Give a venue API credentials in fluxum.yaml (a plugin with ledger support, such as kraken or gemini) to see balances and entries.");
    return;
}

var end = Time.GetUtcNow();
var start = end - range;
Print($"LEDGER range {Stamp(start)} .. {Stamp(end)} asset {asset ?? "all"}");
foreach (var (venue, ledger) in Ledgers.OrderBy(l => l.Key, StringComparer.Ordinal))
{
    try
    {
        var balances = await ledger.BalancesAsync(CancellationToken);
        foreach (var (code, amount) in balances.Where(b => asset is null || b.Key == asset).OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            Print($"BALANCE {venue} {code} {amount}");
        }

        var entries = await ledger.QueryAsync(new LedgerQuery { Start = start, End = end, Asset = asset }, CancellationToken);
        var groups = entries
            .GroupBy(e => (Type: e.Type.ToString(), e.Asset))
            .OrderBy(g => g.Key.Type, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Asset, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            Print($"ENTRIES {venue} {group.Key.Type} {group.Key.Asset} count {group.Count()} amount {group.Sum(e => e.Amount)} fee {group.Sum(e => e.Fee)}");
        }

        Print($"TOTAL {venue} entries {entries.Count}");
    }
    catch (VenueApiException ex)
    {
        Print($"ERROR {venue} {ex.Kind}: {ex.Message}");
    }
}

string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
