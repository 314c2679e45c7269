using Fluxum.Plugins.Kraken.Simulator;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Kraken.Tests.EndToEnd;

public sealed class LedgerEndToEndTests
{
    [Fact]
    public async Task Query_Limit120_ReturnsEntriesAcrossPages()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var client = sim.Plugin.CreateLedgerClient(sim.Context(new VenueCredentials(SimulatorFixture.Key, SimulatorFixture.Secret)));

        var all = await client.QueryAsync(new LedgerQuery { Limit = 120 });

        Assert.Equal(120, all.Count);
        Assert.Equal(120, all.Select(e => e.Id).Distinct().Count());
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Time >= p.Second.Time), "most recent first");
        Assert.All(all, e => Assert.Contains(e.Asset, new[] { "BTC", "ETH", "USD" }));
        Assert.Contains(all, e => e.Type.Kind == LedgerEntryKind.Other && e.Type.Name is "staking" or "transfer");
    }

    [Fact]
    public async Task Query_LedgerGrowsBetweenPages_PagesNeitherRepeatNorAddEntries()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var simulator = (KrakenSimulator)sim.Simulator;
        sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.FromMinutes(5))); // no trade but the one booked below
        var context = sim.Context(new VenueCredentials(SimulatorFixture.Key, SimulatorFixture.Secret));
        var expected = await sim.Plugin.CreateLedgerClient(context).QueryAsync(new LedgerQuery { Limit = 120 });
        var growing = new AfterFirstLedgersPage(context.Rest, simulator.AccountTradeNow);
        var client = sim.Plugin.CreateLedgerClient(context with { Rest = growing });

        var all = await client.QueryAsync(new LedgerQuery { Limit = 120 });

        Assert.True(growing.Fired);
        Assert.Equal(expected.Select(e => e.Id), all.Select(e => e.Id));
    }

    [Fact]
    public async Task Query_Filters_AppliedByVenueAndLocally()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.FromMinutes(5))); // the account trades with the market: freeze both, so every query sees one ledger
        var client = sim.Plugin.CreateLedgerClient(sim.Context(new VenueCredentials(SimulatorFixture.Key, SimulatorFixture.Secret)));
        var all = await client.QueryAsync(new LedgerQuery());
        var start = all[80].Time;
        var end = all[20].Time;

        var trades = await client.QueryAsync(new LedgerQuery { Type = LedgerEntryType.Trade });
        var btc = await client.QueryAsync(new LedgerQuery { Asset = "BTC", Limit = 5 });
        var window = await client.QueryAsync(new LedgerQuery { Start = start, End = end });

        Assert.Equal(all.Count(e => e.Type == LedgerEntryType.Trade), trades.Count);
        Assert.All(trades, e => Assert.Equal(LedgerEntryKind.Trade, e.Type.Kind));
        Assert.Equal(5, btc.Count);
        Assert.All(btc, e => Assert.Equal("BTC", e.Asset));
        Assert.Equal(61, window.Count);
        var balances = await client.BalancesAsync();
        Assert.Equal(all.First(e => e.Asset == "BTC").Balance, balances["BTC"]);
    }

    [Fact]
    public async Task Query_BadSecret_AuthenticationErrorAndNoSecretLogged()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        const string WrongSecret = "V3JvbmdTZWNyZXRXcm9uZ1NlY3JldFdyb25nU2VjcmV0V3JvbmdTZWNyZXQxMjM0NTY3OA==";
        var client = sim.Plugin.CreateLedgerClient(sim.Context(new VenueCredentials(SimulatorFixture.Key, WrongSecret)));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.QueryAsync(new LedgerQuery()));

        Assert.Equal(VenueErrorKind.Authentication, error.Kind);
        Assert.Contains("EAPI:Invalid signature", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongSecret, error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(sim.Logs.Lines);
        Assert.DoesNotContain(sim.Logs.Lines, l => l.Contains(WrongSecret, StringComparison.Ordinal) || l.Contains(WrongSecret[..16], StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryById_ThreeIds_QueryLedgersReturnsThem()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var client = (Fluxum.Plugins.Kraken.Ledger.KrakenLedgerClient)sim.Plugin.CreateLedgerClient(sim.Context(new VenueCredentials(SimulatorFixture.Key, SimulatorFixture.Secret)));
        var all = await client.QueryAsync(new LedgerQuery { Limit = 60 });

        var found = await client.QueryByIdAsync([all[0].Id, all[30].Id, all[59].Id]);

        Assert.Equal(new[] { all[0], all[30], all[59] }.Select(e => (e.Id, e.Amount, e.Asset)).Order(), found.Select(e => (e.Id, e.Amount, e.Asset)).Order());
    }

    [Fact]
    public async Task Query_NoCredentials_MissingCredentials()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var client = sim.Plugin.CreateLedgerClient(sim.Context());

        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.BalancesAsync());

        Assert.Equal(VenueErrorKind.MissingCredentials, error.Kind);
    }

    [Fact]
    public async Task Query_RateLimited_PluginDoesNotRetryItself_RateLimitedThenNextCallSucceeds()
    {
        // The host's pipeline is the only retry layer; the test transport does not retry, so one 429 is final.
        await using var sim = await SimulatorFixture.StartAsync();
        var client = sim.Plugin.CreateLedgerClient(sim.Context(new VenueCredentials(SimulatorFixture.Key, SimulatorFixture.Secret)));
        sim.Simulator.Inject(SimulatorFault.RestError(429, 1, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.BalancesAsync());

        Assert.Equal(VenueErrorKind.RateLimited, error.Kind);
        Assert.Contains("USD", (await client.BalancesAsync()).Keys);
    }

    [Fact]
    public async Task Query_UnavailableBeyondRetries_Unavailable()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var client = sim.Plugin.CreateLedgerClient(sim.Context(new VenueCredentials(SimulatorFixture.Key, SimulatorFixture.Secret)));
        sim.Simulator.Inject(SimulatorFault.RestError(503, 10, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => client.BalancesAsync());

        Assert.Equal(VenueErrorKind.Unavailable, error.Kind);
    }

    [Fact]
    public async Task LedgerStream_PrivateConnection_TokenThenBalancesSnapshot()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness(ConnectionKind.Private, new VenueCredentials(SimulatorFixture.Key, SimulatorFixture.Secret));
        await harness.ConnectAsync();
        await harness.SubscribeAsync(new Subscription(MarketChannel.Ledger));

        await VenueHarness.WaitUntilAsync(() => harness.Sink.OfType<LedgerEntry>().Count >= 3, "balances snapshot", TimeSpan.FromSeconds(10));
        Assert.True(Assert.Single(harness.Sink.OfType<SubscriptionAck>()).Success);
        Assert.Contains(harness.Sink.OfType<LedgerEntry>(), e => e.Asset == "BTC" && e.Balance > 0);
    }

    /// <summary>A REST transport that runs an action once, right after the first Ledgers page came back.</summary>
    private sealed class AfterFirstLedgersPage(IRestTransport inner, Action action) : IRestTransport
    {
        private int _fired;

        public bool Fired => Volatile.Read(ref _fired) == 1;

        public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
        {
            var response = await inner.SendAsync(request, cancellationToken);
            if (request.Uri.AbsolutePath.EndsWith("/Ledgers", StringComparison.Ordinal) && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                action();
            }

            return response;
        }
    }
}
