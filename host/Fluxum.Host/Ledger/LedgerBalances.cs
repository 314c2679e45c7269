namespace Fluxum.Host.Ledger;

/// <summary>
/// Folds stored entries, oldest first, into balances: an entry carrying the venue's balance after it sets the
/// balance; one without adds its amount less its fee to the one before.
/// </summary>
internal sealed class LedgerBalances
{
    private readonly Dictionary<(string Venue, string Asset), (decimal Balance, long Entries, DateTimeOffset AsOf)> _balances = [];

    /// <summary>Adds the next entry (oldest first) of one venue and asset.</summary>
    public void Add(string venue, string asset, decimal amount, decimal fee, decimal? balance, DateTimeOffset time)
    {
        var key = (venue, asset);
        var (running, entries, _) = _balances.GetValueOrDefault(key);
        _balances[key] = (balance ?? running + amount - fee, entries + 1, time);
    }

    /// <summary>The balances, by venue then asset.</summary>
    public IReadOnlyList<LedgerBalance> ToList() =>
        [.. _balances
            .OrderBy(p => p.Key.Venue, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Asset, StringComparer.Ordinal)
            .Select(p => new LedgerBalance(p.Key.Venue, p.Key.Asset, p.Value.Balance, p.Value.Entries, p.Value.AsOf))];
}
