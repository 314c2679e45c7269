using Fluxum.Host.Tests.EndToEnd;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.Ledger;

/// <summary><c>fluxum ledger sync</c> into a real PostgreSQL database named by an environment variable.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLedgerCommandEndToEndTests(PostgresServer server) : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _variable = $"FLUXUM_TEST_LEDGER_PG_{Guid.NewGuid():N}";

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        _cli.Dispose();
    }

    [SkippableFact]
    public async Task Sync_TwiceIntoPostgres_SameRowsAndNothingNewTheSecondTime()
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        Environment.SetEnvironmentVariable(_variable, await server.CreateDatabaseAsync());
        _cli.WriteConfig(CliHarness.Config([VenueYaml.Simulated("kraken", seed: 3, tick: "1h")]) with { Ledger = $"{{ store: postgres, connection_env: {_variable} }}" });

        var first = await _cli.RunAsync("ledger", "sync", "--config", _cli.ConfigPath, "--format", "json");
        var second = await _cli.RunAsync("ledger", "sync", "--config", _cli.ConfigPath, "--format", "json");
        var query = await _cli.RunAsync("ledger", "query", "--config", _cli.ConfigPath, "--limit", "1");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal((120, 120, 120L), LedgerCommandEndToEndTests.Venues(first)["kraken"]);
        Assert.Equal((0, 120L), (LedgerCommandEndToEndTests.Venues(second)["kraken"].New, LedgerCommandEndToEndTests.Venues(second)["kraken"].Stored));
        Assert.Contains("1 entries from postgres 127.0.0.1:", query.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", first.Output + first.Error, StringComparison.OrdinalIgnoreCase);
    }
}
