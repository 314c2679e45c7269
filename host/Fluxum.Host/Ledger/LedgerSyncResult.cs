namespace Fluxum.Host.Ledger;

/// <summary>What one venue's sync did.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Since">Where it started (null: the venue's whole ledger).</param>
/// <param name="Read">Distinct entries read from the venue.</param>
/// <param name="New">Of them, entries the store did not have.</param>
/// <param name="Pages">Queries made of the venue's ledger client.</param>
internal sealed record LedgerSyncResult(string Venue, DateTimeOffset? Since, int Read, int New, int Pages);
