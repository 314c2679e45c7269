namespace Fluxum.Host.Ledger;

/// <summary>One asset's balance on one venue, as the stored ledger says.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Asset">The asset (canonical spelling).</param>
/// <param name="Balance">The balance after the newest stored entry.</param>
/// <param name="Entries">How many stored entries it is made of.</param>
/// <param name="AsOf">The time of the newest of them.</param>
internal sealed record LedgerBalance(string Venue, string Asset, decimal Balance, long Entries, DateTimeOffset AsOf);
