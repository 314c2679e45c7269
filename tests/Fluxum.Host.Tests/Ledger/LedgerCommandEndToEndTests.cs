using System.Text.Json;
using Fluxum.Host.Ledger;
using Fluxum.Host.Tests.EndToEnd;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.Ledger;

/// <summary>
/// <c>fluxum ledger sync|query|balances</c> through the real command line on a real YAML file, against the Kraken and
/// Gemini simulators over HTTP on 127.0.0.1 (signed private REST calls), into a SQLite file.
/// </summary>
public sealed class LedgerCommandEndToEndTests : IDisposable
{
    // A one-hour tick: the simulated account books no trade while a sync runs, so its ledger is the seeded one.
    private static readonly VenueYaml Kraken = VenueYaml.Simulated("kraken", seed: 3, tick: "1h");
    private static readonly VenueYaml Gemini = VenueYaml.Simulated("gemini", seed: 4, tick: "1h");
    private readonly CliHarness _cli = new();

    private string LedgerPath => _cli.Path2("ledger.db");

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Sync_TwiceAgainstBothSimulators_SameRowsAndNothingNewTheSecondTime()
    {
        _cli.WriteConfig(CliHarness.Config([Kraken, Gemini]) with { Ledger = $"{{ store: sqlite, path: {LedgerPath} }}" });

        var first = await _cli.RunAsync("ledger", "sync", "--config", _cli.ConfigPath, "--format", "json");
        var second = await _cli.RunAsync("ledger", "sync", "--config", _cli.ConfigPath, "--format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var one = Venues(first);
        var two = Venues(second);
        Assert.Equal((120, 120, 120L), (one["kraken"].Read, one["kraken"].New, one["kraken"].Stored));
        Assert.True(one["gemini"].New > 0, first.ToString());
        Assert.Equal(one["gemini"].Read, one["gemini"].New);
        Assert.Equal(0, two["kraken"].New);
        Assert.Equal(0, two["gemini"].New);
        Assert.Equal(one["kraken"].Stored, two["kraken"].Stored);
        Assert.Equal(one["gemini"].Stored, two["gemini"].Stored);
        Assert.True(two["kraken"].Read is > 0 and < 120, "the second sync reads only the overlap window: " + second);
    }

    [Fact]
    public async Task QueryAndBalances_AfterSync_ReadTheStoreNewestFirst()
    {
        _cli.WriteConfig(CliHarness.Config([Kraken]) with { Ledger = $"{{ path: {LedgerPath} }}" });
        var sync = await _cli.RunAsync("ledger", "sync", "--config", _cli.ConfigPath, "--venue", "kraken");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Contains("kraken", sync.Output, StringComparison.Ordinal);

        var query = await _cli.RunAsync("ledger", "query", "--config", _cli.ConfigPath, "--asset", "BTC", "--limit", "3", "--format", "json");
        var balances = await _cli.RunAsync("ledger", "balances", "--config", _cli.ConfigPath, "--format", "json");
        var table = await _cli.RunAsync("ledger", "query", "--config", _cli.ConfigPath, "--type", "deposit", "--limit", "2");

        Assert.True(query.ExitCode == 0, query.ToString());
        using var entries = JsonDocument.Parse(query.Output);
        var rows = entries.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("BTC", r.GetProperty("asset").GetString()));
        var times = rows.Select(r => DateTimeOffset.Parse(r.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);

        Assert.True(balances.ExitCode == 0, balances.ToString());
        using var doc = JsonDocument.Parse(balances.Output);
        var btc = doc.RootElement.GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("venue").GetString() == "kraken" && b.GetProperty("asset").GetString() == "BTC");
        // Kraken reports the balance after each entry: the store's balance is the newest BTC entry's.
        Assert.Equal(rows[0].GetProperty("balance").GetString(), btc.GetProperty("balance").GetString());

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("2 entries from sqlite", table.Output, StringComparison.Ordinal);
        var deposits = await _cli.RunAsync("ledger", "query", "--config", _cli.ConfigPath, "--type", "deposit", "--format", "json");
        using var typed = JsonDocument.Parse(deposits.Output);
        var kinds = typed.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.NotEmpty(kinds);
        Assert.All(kinds, k => Assert.Equal("deposit", k));
    }

    [Fact]
    public async Task Run_WithLedgerStore_AppendsTheLiveEntriesAndScriptsQueryTheStore()
    {
        // An entry only the store has: a script's Ledger query that finds it read the store, not the venue.
        await using (var store = await LedgerStores.OpenAsync(new Fluxum.Host.Configuration.LedgerConfig(Fluxum.Host.Configuration.LedgerStoreKind.Sqlite) { Path = LedgerPath }))
        {
            await store.AppendAsync([LedgerEntries.Entry("kraken", "only-in-the-store", LedgerEntries.Start, "DOGE", 42.000000001m)]);
        }

        var script = _cli.Path2("stored.csx");
        await File.WriteAllTextAsync(script, """
            foreach (var e in await Ledgers["kraken"].QueryAsync(new LedgerQuery { Asset = "DOGE" }, CancellationToken))
                Print($"STORED {e.Id} {e.Amount}");
            await Task.Delay(TimeSpan.FromSeconds(6), CancellationToken);
            """);
        _cli.WriteConfig(CliHarness.Config([VenueYaml.Simulated("kraken", seed: 5, tick: "20ms")]) with { Ledger = $"{{ path: {LedgerPath} }}", Scripts = [script] });
        var started = DateTimeOffset.UtcNow;

        var run = await _cli.RunAsync("run", "--config", _cli.ConfigPath, "--duration", "8s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("STORED only-in-the-store 42.000000001", run.Output, StringComparison.Ordinal);
        var query = await _cli.RunAsync("ledger", "query", "--config", _cli.ConfigPath, "--venue", "kraken", "--from", started.AddMinutes(-1).ToString("O"), "--format", "json");
        using var doc = JsonDocument.Parse(query.Output);
        var live = doc.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.True(live.Count >= 2, "no live ledger entry was stored: " + query + run);
        Assert.All(live, e => Assert.Equal("trade", e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Sync_UnknownVenue_ExitsOneNamingIt()
    {
        _cli.WriteConfig(CliHarness.Config([Kraken]) with { Ledger = $"{{ path: {LedgerPath} }}" });

        var result = await _cli.RunAsync("ledger", "sync", "--config", _cli.ConfigPath, "--venue", "bitstamp");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--venue bitstamp", result.Error, StringComparison.Ordinal);
        Assert.Contains("configured: kraken", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(LedgerPath));
    }

    [Fact]
    public async Task Sync_PostgresWithoutItsVariable_ConfigErrorAtTheKey()
    {
        _cli.WriteConfig(CliHarness.Config([Kraken]) with { Ledger = "{ store: postgres, connection_env: FLUXUM_TEST_LEDGER_NOT_SET_7f3a }" });

        var result = await _cli.RunAsync("ledger", "sync", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ledger.connection_env", result.Error, StringComparison.Ordinal);
        Assert.Contains("FLUXUM_TEST_LEDGER_NOT_SET_7f3a is not set", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"fluxum\.yaml:\d+:\d+", result.Error);
    }

    [Fact]
    public async Task Query_BadStoreKind_ConfigErrorNamingTheChoices()
    {
        _cli.WriteConfig(CliHarness.Config([Kraken]) with { Ledger = "{ store: mysql }" });

        var result = await _cli.RunAsync("ledger", "query", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ledger.store", result.Error, StringComparison.Ordinal);
        Assert.Contains("sqlite, postgres", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_StoreWrittenByANewerFluxum_ExitsOneNamingBothVersions()
    {
        await using (var store = new SqliteLedgerStore(LedgerPath))
        {
            await store.MigrateAsync();
        }

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={LedgerPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO schema_version (version, applied_ticks) VALUES (3, 0)";
            await insert.ExecuteNonQueryAsync();
        }

        _cli.WriteConfig(CliHarness.Config([Kraken]) with { Ledger = $"{{ path: {LedgerPath} }}" });

        var result = await _cli.RunAsync("ledger", "query", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has schema version 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("knows versions up to 2", result.Error, StringComparison.Ordinal);
        Assert.Contains(LedgerPath, result.Error, StringComparison.Ordinal);
    }

    internal static Dictionary<string, (int Read, int New, long Stored)> Venues(CliResult result)
    {
        using var doc = JsonDocument.Parse(result.Output);
        return doc.RootElement.GetProperty("venues").EnumerateArray().ToDictionary(
            v => v.GetProperty("venue").GetString()!,
            v => (v.GetProperty("read").GetInt32(), v.GetProperty("new").GetInt32(), v.GetProperty("stored").GetInt64()));
    }
}
