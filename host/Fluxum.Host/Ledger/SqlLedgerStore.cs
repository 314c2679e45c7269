using System.Data.Common;
using System.Text;
using Fluxum.Sdk.Ledger;

namespace Fluxum.Host.Ledger;

/// <summary>
/// The SQL both stores share (ADO.NET): the entries table <c>ledger_entries</c> keyed by (venue, entry_id), the
/// sync marks <c>ledger_sync</c>, and the schema versions applied, <c>schema_version</c>. Times are UTC ticks
/// (<c>BIGINT</c>: exact, where a database timestamp would round to microseconds). Each dialect says how a
/// decimal is stored and how migrations are serialized between processes.
/// </summary>
internal abstract class SqlLedgerStore : ILedgerStore
{
    private const string Columns = "venue, entry_id, kind, type_name, sub_type, asset, amount, fee, balance, reference_id, time_ticks, received_ticks";

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <summary>Statements run outside any transaction before the migrations, every time the store is opened (settings of the database file).</summary>
    protected virtual IReadOnlyList<string> Preparation => [];

    /// <summary>The migrations, version 1 first: each a list of statements run in one transaction.</summary>
    protected abstract IReadOnlyList<IReadOnlyList<string>> Migrations { get; }

    /// <summary>The schema's migrations, version 1 first, in a dialect's types for decimals and for 64-bit integers.</summary>
    protected static IReadOnlyList<IReadOnlyList<string>> Schema(string decimalType, string integerType) =>
    [
        [
            $"""
            CREATE TABLE ledger_entries (
                venue TEXT NOT NULL,
                entry_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                type_name TEXT NULL,
                sub_type TEXT NULL,
                asset TEXT NOT NULL,
                amount {decimalType} NOT NULL,
                fee {decimalType} NOT NULL,
                balance {decimalType} NULL,
                reference_id TEXT NULL,
                time_ticks {integerType} NOT NULL,
                received_ticks {integerType} NOT NULL,
                PRIMARY KEY (venue, entry_id))
            """,
            "CREATE INDEX ledger_entries_time ON ledger_entries (venue, time_ticks)",
        ],
        [
            $"CREATE TABLE ledger_sync (venue TEXT NOT NULL PRIMARY KEY, synced_through_ticks {integerType} NOT NULL, synced_at_ticks {integerType} NOT NULL)",
        ],
    ];

    /// <inheritdoc />
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in Preparation)
        {
            await ExecuteAsync(connection, null, statement, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_ticks BIGINT NOT NULL)", cancellationToken).ConfigureAwait(false);
        var applied = 0;
        for (var version = 1; version <= Migrations.Count; version++)
        {
            await using var transaction = await BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
            var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (current >= version)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var statement in Migrations[version - 1])
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            await using (var mark = Command(connection, transaction, "INSERT INTO schema_version (version, applied_ticks) VALUES (@version, @ticks)"))
            {
                Add(mark, "@version", version);
                Add(mark, "@ticks", DateTimeOffset.UtcNow.UtcTicks);
                await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied++;
        }

        var final = await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (final > Migrations.Count)
        {
            throw new LedgerStoreException($"the ledger store {Description} has schema version {final}; this fluxum knows versions up to {Migrations.Count} (a newer fluxum wrote it)");
        }

        return applied;
    }

    /// <inheritdoc />
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_ticks BIGINT NOT NULL)", cancellationToken).ConfigureAwait(false);
        return await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> AppendAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = Command(connection, transaction,
            $"INSERT INTO ledger_entries ({Columns}) VALUES (@venue, @id, @kind, @typeName, @subType, @asset, @amount, @fee, @balance, @reference, @time, @received) ON CONFLICT (venue, entry_id) DO NOTHING");
        var added = 0;
        foreach (var entry in entries)
        {
            insert.Parameters.Clear();
            Add(insert, "@venue", entry.Venue);
            Add(insert, "@id", entry.Id);
            Add(insert, "@kind", entry.Type.Kind.ToString());
            Add(insert, "@typeName", entry.Type.Name);
            Add(insert, "@subType", entry.SubType);
            Add(insert, "@asset", entry.Asset);
            AddDecimal(insert, "@amount", entry.Amount);
            AddDecimal(insert, "@fee", entry.Fee);
            AddDecimal(insert, "@balance", entry.Balance);
            Add(insert, "@reference", entry.ReferenceId);
            Add(insert, "@time", entry.Time.UtcTicks);
            Add(insert, "@received", entry.ReceivedAt.UtcTicks);
            added += await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntry>> QueryAsync(string? venue, LedgerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "LedgerQuery.Limit must be positive.");
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, string.Empty);
        var sql = new StringBuilder($"SELECT {Columns} FROM ledger_entries WHERE 1 = 1");
        Filter(select, sql, "venue = @venue", "@venue", venue);
        Filter(select, sql, "upper(asset) = upper(@asset)", "@asset", query.Asset);
        Filter(select, sql, "kind = @kind", "@kind", query.Type?.Kind.ToString());
        Filter(select, sql, "type_name = @typeName", "@typeName", query.Type is { Kind: LedgerEntryKind.Other, Name: { } name } ? name : null);
        Filter(select, sql, "time_ticks >= @start", "@start", query.Start?.UtcTicks);
        Filter(select, sql, "time_ticks <= @end", "@end", query.End?.UtcTicks);
        sql.Append(" ORDER BY time_ticks DESC, venue, entry_id DESC");
        if (query.Limit is { } limit)
        {
            sql.Append(" LIMIT @limit");
            Add(select, "@limit", (long)limit);
        }

        select.CommandText = sql.ToString();
        var entries = new List<LedgerEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerBalance>> BalancesAsync(string? venue, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, string.Empty);
        var sql = new StringBuilder("SELECT venue, asset, amount, fee, balance, time_ticks FROM ledger_entries WHERE 1 = 1");
        Filter(select, sql, "venue = @venue", "@venue", venue);
        sql.Append(" ORDER BY venue, asset, time_ticks, entry_id");
        select.CommandText = sql.ToString();
        var balances = new LedgerBalances();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            balances.Add(
                reader.GetString(0),
                reader.GetString(1),
                ReadDecimal(reader, 2),
                ReadDecimal(reader, 3),
                reader.IsDBNull(4) ? null : ReadDecimal(reader, 4),
                new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero));
        }

        return balances.ToList();
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(string? venue, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var count = Command(connection, null, venue is null ? "SELECT COUNT(*) FROM ledger_entries" : "SELECT COUNT(*) FROM ledger_entries WHERE venue = @venue");
        if (venue is not null)
        {
            Add(count, "@venue", venue);
        }

        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> SyncedThroughAsync(string venue, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = Command(connection, null, "SELECT synced_through_ticks FROM ledger_sync WHERE venue = @venue");
        Add(select, "@venue", venue);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long ticks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
    }

    /// <inheritdoc />
    public async Task MarkSyncedAsync(string venue, DateTimeOffset through, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var upsert = Command(connection, null,
            "INSERT INTO ledger_sync (venue, synced_through_ticks, synced_at_ticks) VALUES (@venue, @through, @at) " +
            "ON CONFLICT (venue) DO UPDATE SET synced_through_ticks = excluded.synced_through_ticks, synced_at_ticks = excluded.synced_at_ticks");
        Add(upsert, "@venue", venue);
        Add(upsert, "@through", through.UtcTicks);
        Add(upsert, "@at", DateTimeOffset.UtcNow.UtcTicks);
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>An open connection.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that no other process's migration runs beside.</summary>
    protected abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Adds a decimal (or null) parameter in the dialect's exact form.</summary>
    protected abstract void AddDecimal(DbCommand command, string name, decimal? value);

    /// <summary>Reads a decimal column written by <see cref="AddDecimal"/>.</summary>
    protected abstract decimal ReadDecimal(DbDataReader reader, int ordinal);

    /// <summary>Adds a parameter (null as <see cref="DBNull"/>).</summary>
    protected static void Add(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, transaction, "SELECT MAX(version) FROM schema_version");
        var value = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Filter(DbCommand command, StringBuilder sql, string condition, string name, object? value)
    {
        if (value is not null)
        {
            sql.Append(" AND ").Append(condition);
            Add(command, name, value);
        }
    }

    private LedgerEntry ReadEntry(DbDataReader reader)
    {
        var kind = Enum.Parse<LedgerEntryKind>(reader.GetString(2));
        var time = new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero);
        return new LedgerEntry
        {
            Venue = reader.GetString(0),
            Id = reader.GetString(1),
            Type = new LedgerEntryType(kind, reader.IsDBNull(3) ? null : reader.GetString(3)),
            SubType = reader.IsDBNull(4) ? null : reader.GetString(4),
            Asset = reader.GetString(5),
            Amount = ReadDecimal(reader, 6),
            Fee = ReadDecimal(reader, 7),
            Balance = reader.IsDBNull(8) ? null : ReadDecimal(reader, 8),
            ReferenceId = reader.IsDBNull(9) ? null : reader.GetString(9),
            Time = time,
            ExchangeTime = time,
            ReceivedAt = new DateTimeOffset(reader.GetInt64(11), TimeSpan.Zero),
        };
    }
}
