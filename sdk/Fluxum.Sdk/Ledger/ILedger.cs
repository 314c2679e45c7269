namespace Fluxum.Sdk.Ledger;

/// <summary>The venue-specific part of a ledger: REST queries, implemented by a plugin.</summary>
public interface ILedgerClient
{
    /// <summary>Entries matching <paramref name="query"/>, newest first, paging through the venue as needed.</summary>
    /// <exception cref="VenueApiException">The venue refused or failed the request.</exception>
    Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default);

    /// <summary>All balances by canonical asset.</summary>
    /// <exception cref="VenueApiException">The venue refused or failed the request.</exception>
    Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default);
}

/// <summary>A venue's ledger: queries, balances, and a real-time stream of new entries.</summary>
public interface ILedger : ILedgerClient
{
    /// <summary>The venue name.</summary>
    string Venue { get; }

    /// <summary>The balance of one asset (0 when the account holds none).</summary>
    Task<decimal> BalanceAsync(string asset, CancellationToken cancellationToken = default);

    /// <summary>New entries as they happen. Each enumeration is its own subscriber.</summary>
    IAsyncEnumerable<LedgerEntry> Stream(CancellationToken cancellationToken = default);
}
