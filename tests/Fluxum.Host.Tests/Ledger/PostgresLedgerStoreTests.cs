using Fluxum.Host.Ledger;

namespace Fluxum.Host.Tests.Ledger;

/// <summary>The store suite on a real PostgreSQL server (skipped with the reason where none can be started, failed under FLUXUM_REQUIRE_SERVERS=1).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLedgerStoreTests(PostgresServer server) : LedgerStoreContract
{
    private string _connectionString = string.Empty;

    private protected override async Task<ILedgerStore> NewDatabaseAsync()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        _connectionString = await server.CreateDatabaseAsync();
        return new PostgresLedgerStore(_connectionString);
    }

    private protected override ILedgerStore SameDatabase() => new PostgresLedgerStore(_connectionString);

    private protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
