using Fluxum.Host.Ledger;

namespace Fluxum.Host.Tests.Ledger;

/// <summary>The store suite on a SQLite file.</summary>
public sealed class SqliteLedgerStoreTests : LedgerStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private string _path = string.Empty;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Open_MissingDirectory_CreatesFileAndStoresAmountsAsCanonicalText()
    {
        var path = Path.Combine(_directory.Path, "nested", "deeper", "ledger.db");
        await using var store = await LedgerStores.OpenAsync(new Fluxum.Host.Configuration.LedgerConfig(Fluxum.Host.Configuration.LedgerStoreKind.Sqlite) { Path = path });
        await store.AppendAsync([LedgerEntries.Entry("kraken", "L1", LedgerEntries.Start, amount: 1.2300m)]);

        Assert.True(File.Exists(path));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT typeof(amount), amount FROM ledger_entries";
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("text", "1.23"), (reader.GetString(0), reader.GetString(1)));
    }

    private protected override Task<ILedgerStore> NewDatabaseAsync()
    {
        _path = Path.Combine(_directory.Path, $"ledger-{Guid.NewGuid():N}.db");
        return Task.FromResult<ILedgerStore>(new SqliteLedgerStore(_path));
    }

    private protected override ILedgerStore SameDatabase() => new SqliteLedgerStore(_path);

    private protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
