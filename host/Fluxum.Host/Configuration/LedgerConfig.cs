namespace Fluxum.Host.Configuration;

/// <summary>Which database keeps the ledger.</summary>
internal enum LedgerStoreKind
{
    /// <summary>A SQLite file (Microsoft.Data.Sqlite), the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (Npgsql), for shared deployments.</summary>
    Postgres,
}

/// <summary>
/// The ledger store (<c>ledger: { store: sqlite | postgres, path: ledger.db, connection_env: FLUXUM_LEDGER_PG, overlap: 1h }</c>):
/// where <c>fluxum ledger sync</c> writes the venues' ledgers, <c>fluxum run</c> appends the live ledger streams,
/// and <c>fluxum ledger query|balances</c> and scripts' <c>Ledger</c> queries read.
/// </summary>
/// <param name="Store">The database kind.</param>
internal sealed record LedgerConfig(LedgerStoreKind Store)
{
    /// <summary>The store used when the file has no <c>ledger</c> section: SQLite at <see cref="DefaultSqlitePath"/>.</summary>
    public static LedgerConfig Default { get; } = new(LedgerStoreKind.Sqlite) { Path = DefaultSqlitePath };

    /// <summary>The SQLite file (absolute), for <see cref="LedgerStoreKind.Sqlite"/>.</summary>
    public string? Path { get; init; }

    /// <summary>The environment variable holding the PostgreSQL connection string, for <see cref="LedgerStoreKind.Postgres"/>.</summary>
    public string? ConnectionEnv { get; init; }

    /// <summary>The connection string read from <see cref="ConnectionEnv"/> when the file was read.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>How far before the last synced entry an incremental sync starts again, for entries the venue books late.</summary>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>fluxum/ledger.db</c> under the user's local application data directory.</summary>
    public static string DefaultSqlitePath => System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "fluxum",
        "ledger.db");
}
