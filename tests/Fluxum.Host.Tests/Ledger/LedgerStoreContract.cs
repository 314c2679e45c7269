using Fluxum.Host.Ledger;
using Fluxum.Sdk.Ledger;
using static Fluxum.Host.Tests.Ledger.LedgerEntries;

namespace Fluxum.Host.Tests.Ledger;

/// <summary>
/// The ledger store's behaviour, one suite for every store: each store's test class inherits it and says how to make
/// a fresh database (a SQLite file, a PostgreSQL database on a real server).
/// </summary>
public abstract class LedgerStoreContract : IAsyncLifetime
{
    private readonly List<ILedgerStore> _opened = [];

    /// <summary>A store over a new, empty database, not migrated yet.</summary>
    private protected abstract Task<ILedgerStore> NewDatabaseAsync();

    /// <summary>A second store over the database <see cref="NewDatabaseAsync"/> made last, not migrated by this instance.</summary>
    private protected abstract ILedgerStore SameDatabase();

    /// <summary>Runs <paramref name="sql"/> straight on the database <see cref="NewDatabaseAsync"/> made last, past the store.</summary>
    private protected abstract Task ExecuteAsync(string sql);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Migrate_NewDatabase_AppliesEveryVersionOnceAndNeverAgain()
    {
        var store = Track(await NewDatabaseAsync());

        Assert.Equal(0, await store.SchemaVersionAsync());
        Assert.Equal(2, await store.MigrateAsync());
        Assert.Equal(2, await store.SchemaVersionAsync());
        Assert.Equal(1, await store.AppendAsync([Entry("kraken", "L1", Start)]));

        Assert.Equal(0, await store.MigrateAsync());
        var again = Track(SameDatabase());
        Assert.Equal(0, await again.MigrateAsync());
        Assert.Equal(2, await again.SchemaVersionAsync());
        Assert.Equal(1, await again.CountAsync(null));
    }

    [SkippableFact]
    public async Task Migrate_SchemaNewerThanThisBuild_RefusedNamingBothVersionsAndTouchingNothing()
    {
        var store = Track(await NewDatabaseAsync());
        Assert.Equal(2, await store.MigrateAsync());
        Assert.Equal(1, await store.AppendAsync([Entry("kraken", "L1", Start)]));
        await ExecuteAsync("INSERT INTO schema_version (version, applied_ticks) VALUES (3, 0)");

        var later = Track(SameDatabase());
        var refused = await Assert.ThrowsAsync<LedgerStoreException>(() => later.MigrateAsync());

        Assert.Contains("has schema version 3", refused.Message, StringComparison.Ordinal);
        Assert.Contains("knows versions up to 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, await later.SchemaVersionAsync());
        Assert.Equal(1, await later.CountAsync(null));
    }

    [SkippableFact]
    public async Task Append_SameEntriesTwice_CountsOnlyNewRows()
    {
        var store = await CreateAsync();
        var entries = Series("kraken", 10, Start);

        Assert.Equal(10, await store.AppendAsync(entries));
        Assert.Equal(0, await store.AppendAsync(entries));
        Assert.Equal(2, await store.AppendAsync([.. entries.Take(3), Entry("kraken", "new-1", Start), Entry("gemini", "L00000", Start)]));
        Assert.Equal(12, await store.CountAsync(null));
        Assert.Equal(11, await store.CountAsync("kraken"));
    }

    [SkippableFact]
    public async Task Append_ExactDecimalsAndTicks_RoundTripUnchanged()
    {
        var store = await CreateAsync();
        var time = new DateTimeOffset(2026, 12, 4, 10, 11, 12, TimeSpan.Zero).AddTicks(1_234_567);
        decimal[] amounts = [0.00000001m, 123456789.123456789012m, -0.000000000000000001m, 79228162514264337593543950335m, -12.5m, 0m];
        var entries = amounts.Select((a, i) => Entry("kraken", $"D{i}", time.AddTicks(i), amount: a, fee: a / 3m, balance: i % 2 == 0 ? a : null)).ToList();

        await store.AppendAsync(entries);
        var read = (await store.QueryAsync("kraken", new LedgerQuery())).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

        Assert.Equal(entries.Count, read.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(entries[i].Amount, read[i].Amount);
            Assert.Equal(entries[i].Fee, read[i].Fee);
            Assert.Equal(entries[i].Balance, read[i].Balance);
            Assert.Equal(entries[i].Time.UtcTicks, read[i].Time.UtcTicks);
            Assert.Equal(entries[i].ReceivedAt.UtcTicks, read[i].ReceivedAt.UtcTicks);
            Assert.Equal(entries[i].ReferenceId, read[i].ReferenceId);
            Assert.Equal(entries[i].Type, read[i].Type);
        }

        Assert.Equal("123456789.123456789012", LedgerDecimal.Canonical(read.Single(e => e.Id == "D1").Amount));
        Assert.Equal("0.00000001", LedgerDecimal.Canonical(read.Single(e => e.Id == "D0").Amount));
    }

    [SkippableFact]
    public async Task Query_Filters_AssetTypeTimeVenueAndLimitNewestFirst()
    {
        var store = await CreateAsync();
        await store.AppendAsync(
        [
            Entry("kraken", "K1", Start, "BTC", 1m, LedgerEntryType.Deposit),
            Entry("kraken", "K2", Start.AddHours(1), "BTC", -0.5m, LedgerEntryType.Trade, fee: 0.001m),
            Entry("kraken", "K3", Start.AddHours(2), "USD", 100m, LedgerEntryType.Trade),
            Entry("kraken", "K4", Start.AddHours(3), "ETH", 2m, LedgerEntryType.Other("staking")),
            Entry("kraken", "K5", Start.AddHours(4), "ETH", 1m, LedgerEntryType.Other("transfer")),
            Entry("gemini", "G1", Start.AddHours(5), "BTC", 3m, LedgerEntryType.Trade),
        ]);

        Assert.Equal(new[] { "G1", "K5", "K4", "K3", "K2", "K1" }, Ids(await store.QueryAsync(null, new LedgerQuery())));
        Assert.Equal(new[] { "K5", "K4", "K3", "K2", "K1" }, Ids(await store.QueryAsync("kraken", new LedgerQuery())));
        Assert.Equal(new[] { "G1", "K2", "K1" }, Ids(await store.QueryAsync(null, new LedgerQuery { Asset = "btc" })));
        Assert.Equal(new[] { "G1", "K3", "K2" }, Ids(await store.QueryAsync(null, new LedgerQuery { Type = LedgerEntryType.Trade })));
        Assert.Equal(new[] { "K4" }, Ids(await store.QueryAsync(null, new LedgerQuery { Type = LedgerEntryType.Other("staking") })));
        Assert.Equal(new[] { "K5", "K4" }, Ids(await store.QueryAsync(null, new LedgerQuery { Type = new LedgerEntryType(LedgerEntryKind.Other) })));
        Assert.Equal(new[] { "K4", "K3", "K2" }, Ids(await store.QueryAsync(null, new LedgerQuery { Start = Start.AddHours(1), End = Start.AddHours(3) })));
        Assert.Equal(new[] { "G1", "K5" }, Ids(await store.QueryAsync(null, new LedgerQuery { Limit = 2 })));
        Assert.Equal(new[] { "K2" }, Ids(await store.QueryAsync("kraken", new LedgerQuery { Asset = "BTC", Type = LedgerEntryType.Trade, Start = Start.AddMinutes(1), Limit = 5 })));
    }

    [SkippableFact]
    public async Task Balances_ReportedBalanceThenAmountsLessFees()
    {
        var store = await CreateAsync();
        await store.AppendAsync(
        [
            Entry("kraken", "K1", Start, "BTC", 1m, balance: 1m),
            Entry("kraken", "K2", Start.AddHours(1), "BTC", 0.5m, fee: 0.01m, balance: 1.49m),
            Entry("kraken", "K3", Start.AddHours(2), "BTC", -0.2m, fee: 0.001m),
            Entry("gemini", "G1", Start, "USD", 100.10m),
            Entry("gemini", "G2", Start.AddMinutes(1), "USD", -0.00000001m, fee: 0.05m),
        ]);

        var balances = await store.BalancesAsync(null);

        Assert.Equal(
            new[] { ("gemini", "USD", 100.04999999m, 2L), ("kraken", "BTC", 1.289m, 3L) },
            balances.Select(b => (b.Venue, b.Asset, b.Balance, b.Entries)));
        Assert.Equal(Start.AddHours(2), balances[1].AsOf);
        Assert.Single(await store.BalancesAsync("gemini"));
    }

    [SkippableFact]
    public async Task Sync_Twice_SameRowCountAndNothingNewTheSecondTime()
    {
        var store = await CreateAsync();
        var venue = new ListLedgerClient(Series("kraken", 2_500, Start));
        var sync = new LedgerSync(store, pageSize: 300);

        var first = await sync.SyncAsync("kraken", venue, since: null, overlap: TimeSpan.FromHours(1));
        var second = await sync.SyncAsync("kraken", venue, since: null, overlap: TimeSpan.FromHours(1));

        Assert.Equal((2_500, 2_500), (first.Read, first.New));
        Assert.Null(first.Since);
        Assert.Equal(2_500, await store.CountAsync("kraken"));
        Assert.Equal(Start.AddMinutes(2_499) - TimeSpan.FromHours(1), second.Since);
        Assert.Equal((61, 0), (second.Read, second.New));
        Assert.Equal(2_500, await store.CountAsync("kraken"));
    }

    [SkippableFact]
    public async Task Sync_InterruptedMidWay_ReRunLosesNothingAndDuplicatesNothing()
    {
        var store = await CreateAsync();
        var all = Series("kraken", 2_500, Start);
        var venue = new ListLedgerClient(all) { FailAfterPages = 3 };
        var sync = new LedgerSync(store, pageSize: 300);

        var progress = new LedgerSyncProgress();
        await Assert.ThrowsAsync<HttpRequestException>(() => sync.SyncAsync("kraken", venue, null, TimeSpan.FromHours(1), progress));
        Assert.Equal(3, progress.Pages);
        var stored = await store.CountAsync("kraken");
        Assert.InRange(stored, 600, 900);
        Assert.Null(await store.SyncedThroughAsync("kraken"));

        venue.FailAfterPages = null;
        var rerun = await sync.SyncAsync("kraken", venue, null, TimeSpan.FromHours(1));

        Assert.Null(rerun.Since);
        Assert.Equal(2_500 - stored, rerun.New);
        Assert.Equal(all.Select(e => e.Id).Order(StringComparer.Ordinal), Ids(await store.QueryAsync("kraken", new LedgerQuery())).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Sync_Incremental_ReadsTheOverlapAndKeepsLateBookings()
    {
        var store = await CreateAsync();
        var venue = new ListLedgerClient(Series("kraken", 500, Start));
        var sync = new LedgerSync(store, pageSize: 100);
        await sync.SyncAsync("kraken", venue, null, TimeSpan.FromHours(1));
        var newest = Start.AddMinutes(499);
        Assert.Equal(newest, await store.SyncedThroughAsync("kraken"));

        // Booked since: 300 new entries, and one the venue booked late, 30 minutes before the newest synced one.
        venue.Add(Series("kraken", 300, newest.AddMinutes(1), "N"));
        venue.Add([Entry("kraken", "late", newest.AddMinutes(-30))]);
        venue.FailAfterPages = venue.Pages + 2;
        await Assert.ThrowsAsync<HttpRequestException>(() => sync.SyncAsync("kraken", venue, null, TimeSpan.FromHours(1)));
        Assert.Equal(newest, await store.SyncedThroughAsync("kraken"));
        venue.FailAfterPages = null;
        var result = await sync.SyncAsync("kraken", venue, null, TimeSpan.FromHours(1));

        Assert.Equal(newest - TimeSpan.FromHours(1), result.Since);
        Assert.Equal(801, await store.CountAsync("kraken"));
        Assert.Single(await store.QueryAsync("kraken", new LedgerQuery { Start = newest.AddMinutes(-30), End = newest.AddMinutes(-30), Type = LedgerEntryType.Trade, Asset = "BTC" }), e => e.Id == "late");
        Assert.Equal(Start.AddMinutes(499 + 300), await store.SyncedThroughAsync("kraken"));
    }

    [SkippableFact]
    public async Task Sync_WholePageAtOneInstant_ReadsEveryEntryOfIt()
    {
        var store = await CreateAsync();
        var sameTime = Enumerable.Range(0, 250).Select(i => Entry("kraken", $"S{i:D3}", Start.AddHours(1))).ToList();
        var venue = new ListLedgerClient([.. sameTime, .. Series("kraken", 50, Start)]);

        var result = await new LedgerSync(store, pageSize: 100).SyncAsync("kraken", venue, null, TimeSpan.Zero);

        Assert.Equal(300, result.Read);
        Assert.Equal(300, await store.CountAsync("kraken"));
    }

    [SkippableFact]
    public async Task Sync_SinceAfterTheMark_DoesNotMoveIt()
    {
        var store = await CreateAsync();
        var venue = new ListLedgerClient(Series("kraken", 100, Start));
        var sync = new LedgerSync(store, pageSize: 50);

        await sync.SyncAsync("kraken", venue, since: Start.AddMinutes(50), overlap: TimeSpan.Zero);
        Assert.Null(await store.SyncedThroughAsync("kraken"));
        Assert.Equal(50, await store.CountAsync("kraken"));

        var full = await sync.SyncAsync("kraken", venue, since: null, overlap: TimeSpan.Zero);
        Assert.Equal((100, 50), (full.Read, full.New));
        Assert.Equal(Start.AddMinutes(99), await store.SyncedThroughAsync("kraken"));
    }

    /// <summary>A migrated store over a new database.</summary>
    private protected async Task<ILedgerStore> CreateAsync()
    {
        var store = Track(await NewDatabaseAsync());
        await store.MigrateAsync();
        return store;
    }

    private static string[] Ids(IEnumerable<LedgerEntry> entries) => [.. entries.Select(e => e.Id)];

    private ILedgerStore Track(ILedgerStore store)
    {
        _opened.Add(store);
        return store;
    }
}
