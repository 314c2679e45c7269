namespace Fluxum.Host.Ledger;

/// <summary>How far one venue's sync has got: kept up to date page by page, so an interrupted sync can say so.</summary>
internal sealed class LedgerSyncProgress
{
    /// <summary>Where the sync started (null: the venue's whole ledger).</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Distinct entries read and written so far.</summary>
    public int Read { get; set; }

    /// <summary>Of them, entries the store did not have.</summary>
    public int New { get; set; }

    /// <summary>Queries made of the venue's ledger client so far.</summary>
    public int Pages { get; set; }
}
