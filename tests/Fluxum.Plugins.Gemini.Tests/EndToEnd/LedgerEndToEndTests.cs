using Fluxum.Plugins.Gemini.Simulator;
using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;

using static Fluxum.Plugins.Gemini.Tests.EndToEnd.SimulatorFixture;

namespace Fluxum.Plugins.Gemini.Tests.EndToEnd;

public sealed class LedgerEndToEndTests
{
    [Fact]
    public async Task QueryAsync_EverythingAcrossPages_AllKindsNewestFirst()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var ledger = sim.Plugin.CreateLedgerClient(sim.Context("ws", Credentials));

        var entries = await ledger.QueryAsync(new LedgerQuery());

        var trades = SimAccount.TradesPerSymbol * 2;
        Assert.Equal(SimAccount.TransferCount + (trades * 3), entries.Count);
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
        Assert.Equal(entries.OrderByDescending(e => e.Time).Select(e => e.Time), entries.Select(e => e.Time));
        var kinds = entries.GroupBy(e => e.Type.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(trades * 2, kinds[LedgerEntryKind.Trade]);
        Assert.Equal(trades, kinds[LedgerEntryKind.Fee]);
        Assert.Equal(SimAccount.TransferCount, kinds[LedgerEntryKind.Deposit] + kinds[LedgerEntryKind.Withdrawal]);
        Assert.All(entries.Where(e => e.Type.Kind == LedgerEntryKind.Withdrawal), e => Assert.True(e.Amount < 0));
        Assert.All(entries.Where(e => e.Type.Kind == LedgerEntryKind.Fee), e => Assert.True(e.Amount < 0 && e.Asset == "USD"));

        // Pages: transfers 120 rows at 50 a page, 600 trades per symbol at 500 a page.
        var posts = sim.Http.Sent;
        Assert.True(posts >= 3 + 2 + 2, $"expected several pages, saw {posts} requests");
    }

    [Fact]
    public async Task QueryAsync_FiltersAndLimit_MergedAcrossSources()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var ledger = sim.Plugin.CreateLedgerClient(sim.Context("ws", Credentials) with
        {
            Settings = new Dictionary<string, string> { ["ledger_symbols"] = "BTC/USD" },
        });
        var all = await ledger.QueryAsync(new LedgerQuery { Asset = "BTC" });
        var start = all[^1].Time.AddDays(10);

        var page = await ledger.QueryAsync(new LedgerQuery { Asset = "BTC", Start = start, Limit = 25 });
        var deposits = await ledger.QueryAsync(new LedgerQuery { Type = LedgerEntryType.Deposit });

        Assert.All(all, e => Assert.Equal("BTC", e.Asset));
        Assert.Contains(all, e => e.Type.Kind == LedgerEntryKind.Trade);
        Assert.Contains(all, e => e.Type.Kind == LedgerEntryKind.Deposit);
        Assert.Equal(all.Where(e => e.Time >= start).Take(25).Select(e => e.Id), page.Select(e => e.Id));
        Assert.All(deposits, e => Assert.Equal(LedgerEntryKind.Deposit, e.Type.Kind));
        Assert.NotEmpty(deposits);
    }

    [Fact]
    public async Task BalancesAsync_AfterInjected429_PluginDoesNotRetryItself_RateLimited()
    {
        // The host's pipeline is the only retry layer; this test transport does not retry, so one 429 is final.
        await using var sim = await SimulatorFixture.StartAsync();
        var ledger = sim.Plugin.CreateLedgerClient(sim.Context("ws", Credentials));
        sim.Simulator.Inject(SimulatorFault.RestError(429, 1));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => ledger.BalancesAsync());

        Assert.Equal(VenueErrorKind.RateLimited, error.Kind);
        Assert.Equal(1, sim.Http.Sent);
        Assert.Equal(250_000m, (await ledger.BalancesAsync())["USD"]);
    }

    [Fact]
    public async Task BalancesAsync_Injected503_Unavailable()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var ledger = sim.Plugin.CreateLedgerClient(sim.Context("ws", Credentials));
        sim.Simulator.Inject(SimulatorFault.RestError(503));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => ledger.BalancesAsync());

        Assert.Equal(VenueErrorKind.Unavailable, error.Kind);
    }

    [Fact]
    public async Task QueryAsync_BadSecret_AuthenticationErrorAndSecretInNoLogLine()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var logs = new CapturingLoggerFactory();
        var wrong = new VenueCredentials(Credentials.ApiKey, "wrong-secret-never-logged");
        var ledger = sim.Plugin.CreateLedgerClient(sim.Context("ws", wrong, logs));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => ledger.QueryAsync(new LedgerQuery()));

        Assert.Equal(VenueErrorKind.Authentication, error.Kind);
        Assert.Contains("InvalidSignature", error.VenueErrors);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines.Append(error.ToString()), line =>
        {
            Assert.DoesNotContain("wrong-secret-never-logged", line, StringComparison.Ordinal);
            Assert.DoesNotContain(Credentials.ApiKey, line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task QueryAsync_NoCredentials_MissingCredentials()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var ledger = sim.Plugin.CreateLedgerClient(sim.Context("ws"));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => ledger.QueryAsync(new LedgerQuery()));

        Assert.Equal(VenueErrorKind.MissingCredentials, error.Kind);
    }

    [Fact]
    public async Task QueryAsync_ReusedNonce_RejectedAsInvalidNonce()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var first = sim.Plugin.CreateLedgerClient(sim.Context("ws", Credentials));
        await first.BalancesAsync();

        // A second plugin instance with a clock far behind reuses old nonces: the venue refuses them.
        var behind = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var stale = new GeminiPlugin().CreateLedgerClient(TestContext.Create(sim.Http, sim.Simulator.Endpoints, credentials: Credentials, time: behind));
        var error = await Assert.ThrowsAsync<VenueApiException>(() => stale.BalancesAsync());

        Assert.Equal(VenueErrorKind.InvalidNonce, error.Kind);
    }
}
