using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Fluxum.Host.Ledger;

/// <summary>
/// The ledger in a SQLite file (the default store). Decimals are <c>TEXT</c> in one canonical form (invariant
/// culture, no exponent, no trailing zeros: <c>0.00000001</c>, <c>-12.5</c>), so equal amounts are equal text and
/// nothing passes through floating point. The file is in WAL mode, so <c>fluxum ledger query</c> reads while
/// <c>fluxum run</c> appends; a writer waits up to 30 s for another.
/// </summary>
internal sealed class SqliteLedgerStore : SqlLedgerStore
{
    private const string Decimal = "TEXT";
    private readonly string _connectionString;
    private readonly string _path;

    /// <summary>A store over the file at <paramref name="path"/> (created, with its directory, when missing).</summary>
    public SqliteLedgerStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
            // Each operation opens its own connection; without a pool the file is free the moment it is done.
            Pooling = false,
        }.ToString();
    }

    /// <inheritdoc />
    public override string Description => $"sqlite {_path}";

    /// <inheritdoc />
    protected override IReadOnlyList<string> Preparation { get; } = ["PRAGMA journal_mode = WAL"];

    /// <inheritdoc />
    protected override IReadOnlyList<IReadOnlyList<string>> Migrations { get; } = Schema(Decimal, "INTEGER");

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(_path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    /// <remarks>SQLite's <c>BEGIN IMMEDIATE</c> takes the write lock at once, so two processes' migrations run one after the other.</remarks>
    protected override Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <inheritdoc />
    protected override void AddDecimal(DbCommand command, string name, decimal? value) =>
        Add(command, name, value is { } v ? LedgerDecimal.Canonical(v) : null);

    /// <inheritdoc />
    protected override decimal ReadDecimal(DbDataReader reader, int ordinal)
    {
        var text = reader.GetString(ordinal);
        return LedgerDecimal.TryParse(text, out var value)
            ? value
            : throw new LedgerStoreException($"the ledger store {Description} holds {Configuration.ConfigText.Quote(text)} in column {reader.GetName(ordinal)}, which is not a decimal written by fluxum");
    }
}
