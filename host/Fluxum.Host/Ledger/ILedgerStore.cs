using Fluxum.Sdk.Ledger;

namespace Fluxum.Host.Ledger;

/// <summary>
/// The ledger in a database: one table of entries keyed by (venue, entry id), written idempotently by
/// <c>fluxum ledger sync</c> and by the live ledger streams of <c>fluxum run</c>, read by <c>fluxum ledger
/// query|balances</c> and by scripts' <c>Ledger</c> queries. Amounts, fees and balances are stored exactly
/// (never as floating point) and times to the tick.
/// </summary>
internal interface ILedgerStore : IAsyncDisposable
{
    /// <summary>What the store is, for messages (<c>sqlite /path/ledger.db</c>, <c>postgres 127.0.0.1:5432/fluxum</c>); never a password.</summary>
    string Description { get; }

    /// <summary>Applies the schema migrations the database does not have yet, each once and in its own transaction; returns how many were applied.</summary>
    /// <exception cref="LedgerStoreException">The database's schema is newer than this fluxum knows.</exception>
    Task<int> MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>The schema version the database is at (0 before the first migration).</summary>
    Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts <paramref name="entries"/> in one transaction, skipping those already stored (same venue and id); returns how many were new.</summary>
    Task<int> AppendAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Stored entries of <paramref name="venue"/> (every venue when null) matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<LedgerEntry>> QueryAsync(string? venue, LedgerQuery query, CancellationToken cancellationToken = default);

    /// <summary>Balances by venue and asset from the stored entries (see <see cref="LedgerBalances"/>).</summary>
    Task<IReadOnlyList<LedgerBalance>> BalancesAsync(string? venue, CancellationToken cancellationToken = default);

    /// <summary>How many entries are stored for <paramref name="venue"/> (every venue when null).</summary>
    Task<long> CountAsync(string? venue, CancellationToken cancellationToken = default);

    /// <summary>The time of the newest entry the last complete sync of <paramref name="venue"/> read, or null before the first.</summary>
    Task<DateTimeOffset?> SyncedThroughAsync(string venue, CancellationToken cancellationToken = default);

    /// <summary>Records that every entry of <paramref name="venue"/> up to <paramref name="through"/> is stored.</summary>
    Task MarkSyncedAsync(string venue, DateTimeOffset through, CancellationToken cancellationToken = default);
}
