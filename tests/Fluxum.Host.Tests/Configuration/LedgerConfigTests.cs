using Fluxum.Host.Configuration;

namespace Fluxum.Host.Tests.Configuration;

/// <summary>The <c>ledger</c> section: what it accepts, and each mistake named with its line and key path.</summary>
public sealed class LedgerConfigTests : IDisposable
{
    private readonly ConfigTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Parse_NoLedgerSection_NoneConfiguredAndTheDefaultIsSqliteUnderLocalData()
    {
        var config = _file.Parse("plugin_dirs: [p]\n").GetValidConfig();

        Assert.Null(config.Ledger);
        Assert.Equal(LedgerStoreKind.Sqlite, LedgerConfig.Default.Store);
        Assert.Equal(
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "fluxum", "ledger.db"),
            LedgerConfig.Default.Path);
    }

    [Fact]
    public void Parse_SqliteWithRelativePath_ResolvedAgainstTheFile()
    {
        var config = _file.Parse("plugin_dirs: [p]\nledger: { path: data/ledger.db, overlap: 30m }\n").GetValidConfig();

        Assert.Equal(LedgerStoreKind.Sqlite, config.Ledger!.Store);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(config.SourcePath)!, "data", "ledger.db"), config.Ledger.Path);
        Assert.Equal(TimeSpan.FromMinutes(30), config.Ledger.Overlap);
    }

    [Fact]
    public void Parse_PostgresWithItsVariableSet_ReadsTheConnectionString()
    {
        _file.Environment["FLUXUM_LEDGER_PG"] = "Host=127.0.0.1;Database=fluxum";

        var config = _file.Parse("plugin_dirs: [p]\nledger: { store: postgres, connection_env: FLUXUM_LEDGER_PG }\n").GetValidConfig();

        Assert.Equal(new LedgerConfig(LedgerStoreKind.Postgres) { ConnectionEnv = "FLUXUM_LEDGER_PG", ConnectionString = "Host=127.0.0.1;Database=fluxum" }, config.Ledger);
    }

    [Fact]
    public void Parse_PostgresVariableMissing_ErrorAtTheKey()
    {
        var result = _file.Parse("plugin_dirs: [p]\nledger:\n  store: postgres\n  connection_env: FLUXUM_LEDGER_PG\n");

        var error = Assert.Single(ConfigTestFile.Messages(result));
        Assert.StartsWith("fluxum.yaml:4:19: ledger.connection_env: the environment variable FLUXUM_LEDGER_PG is not set", error);
    }

    [Theory]
    [InlineData("ledger: { store: mysql }", "fluxum.yaml:2:18: ledger.store: unknown ledger store 'mysql'; expected one of sqlite, postgres")]
    [InlineData("ledger: { store: postgres }", "fluxum.yaml:2:9: ledger.connection_env: missing required key 'connection_env'")]
    [InlineData("ledger: { store: postgres, connection_env: \"Host=x;Password=y\" }", "fluxum.yaml:2:44: ledger.connection_env: expected the name of an environment variable")]
    [InlineData("ledger: { store: sqlite, connection_env: X }", "fluxum.yaml:2:42: ledger.connection_env: connection_env is for store: postgres")]
    [InlineData("ledger: { overlap: -1h }", "fluxum.yaml:2:20: ledger.overlap:")]
    [InlineData("ledger: { file: x.db }", "fluxum.yaml:2:11: ledger.file: unknown key 'file'")]
    public void Parse_Mistake_NamedWithLineAndPath(string section, string expected)
    {
        var result = _file.Parse($"plugin_dirs: [p]\n{section}\n");

        Assert.StartsWith(expected, Assert.Single(ConfigTestFile.Messages(result)));
    }
}
