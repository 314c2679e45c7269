using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Fluxum.Host.Ledger;

/// <summary>
/// The ledger in a PostgreSQL database (Npgsql), for deployments that share one. Decimals are <c>NUMERIC</c>
/// (exact, any scale); migrations hold a transaction-scoped advisory lock, so two processes starting together
/// apply each version once.
/// </summary>
internal sealed class PostgresLedgerStore : SqlLedgerStore
{
    private const string Decimal = "NUMERIC";

    // An arbitrary constant naming "fluxum ledger schema" among advisory locks.
    private const long MigrationLock = 0x666C_7578_6C65_6467;
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>A store over the database <paramref name="connectionString"/> names.</summary>
    public PostgresLedgerStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"postgres {builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<IReadOnlyList<string>> Migrations { get; } = Schema(Decimal, "BIGINT");

    /// <inheritdoc />
    public override async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@lock)";
            Add(command, "@lock", MigrationLock);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    protected override void AddDecimal(DbCommand command, string name, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = value is { } v ? v : DBNull.Value });
    }

    /// <inheritdoc />
    protected override decimal ReadDecimal(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);
}
