using Fluxum.Host.Scripting;
using Fluxum.Host.Tests.Scripting.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.Scripting;

[Collection(ExampleScriptsCollection.Name)]
public sealed class LedgerSummaryScriptTests(ExampleScriptsFixture scripts)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 31, 0, TimeSpan.Zero);

    [Fact]
    public async Task LedgerSummary_NoLedger_SaysSoAndCompletes()
    {
        var output = new LineRecorder();

        var outcome = await scripts["ledger-summary"].RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), output));

        Assert.IsType<ScriptOutcome.Completed>(outcome);
        var line = Assert.Single(output.Lines);
        Assert.StartsWith("LEDGER none: no venue has a ledger.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerSummary_TwoVenues_BalancesAndEntriesByTypeInRangeAndRefusalReported()
    {
        var kraken = new FakeLedger(
            "kraken",
            [
                Entry("1", LedgerEntryType.Trade, "BTC", 0.5m, 0m, Now.AddDays(-1)),
                Entry("2", LedgerEntryType.Trade, "BTC", 0.25m, 0.0001m, Now.AddDays(-2)),
                Entry("3", LedgerEntryType.Trade, "USD", -48000m, 12.5m, Now.AddDays(-2)),
                Entry("4", LedgerEntryType.Deposit, "USD", 50000m, 0m, Now.AddDays(-5)),
                Entry("5", LedgerEntryType.Other("spottostaking"), "BTC", -0.1m, 0m, Now.AddDays(-3)),
                Entry("6", LedgerEntryType.Deposit, "USD", 999m, 0m, Now.AddDays(-40)),
            ],
            new Dictionary<string, decimal> { ["USD"] = 2000m, ["BTC"] = 0.65m });
        var gemini = new RefusingLedger();
        var ledgers = new Dictionary<string, ILedger> { ["kraken"] = kraken, ["gemini"] = gemini };
        var output = new LineRecorder();

        var outcome = await scripts["ledger-summary"].RunAsync(
            ScriptHarness.Environment(new FakeMarket("kraken", "gemini"), output, ["7d"], ledgers, new FakeTimeProvider(Now)));

        Assert.IsType<ScriptOutcome.Completed>(outcome);
        Assert.Equal(
            [
                "LEDGER range 2026-11-17T02:31:00Z .. 2026-11-24T02:31:00Z asset all",
                "ERROR gemini Authentication: gemini: invalid key",
                "BALANCE kraken BTC 0.65",
                "BALANCE kraken USD 2000",
                "ENTRIES kraken Deposit USD count 1 amount 50000 fee 0",
                "ENTRIES kraken Other(spottostaking) BTC count 1 amount -0.1 fee 0",
                "ENTRIES kraken Trade BTC count 2 amount 0.75 fee 0.0001",
                "ENTRIES kraken Trade USD count 1 amount -48000 fee 12.5",
                "TOTAL kraken entries 5",
            ],
            output.Lines);
        Assert.Equal(Now.AddDays(-7), kraken.LastQuery!.Start);
    }

    private static LedgerEntry Entry(string id, LedgerEntryType type, string asset, decimal amount, decimal fee, DateTimeOffset time) => new()
    {
        Venue = "kraken",
        Id = id,
        Type = type,
        Asset = asset,
        Amount = amount,
        Fee = fee,
        Time = time,
        ExchangeTime = time,
        ReceivedAt = Now,
    };

    private sealed class RefusingLedger : ILedger
    {
        public string Venue => "gemini";

        public Task<IReadOnlyList<LedgerEntry>> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default) =>
            throw new VenueApiException("gemini", VenueErrorKind.Authentication, "invalid key");

        public Task<IReadOnlyDictionary<string, decimal>> BalancesAsync(CancellationToken cancellationToken = default) =>
            throw new VenueApiException("gemini", VenueErrorKind.Authentication, "invalid key");

        public Task<decimal> BalanceAsync(string asset, CancellationToken cancellationToken = default) =>
            throw new VenueApiException("gemini", VenueErrorKind.Authentication, "invalid key");

        public IAsyncEnumerable<LedgerEntry> Stream(CancellationToken cancellationToken = default) =>
            throw new VenueApiException("gemini", VenueErrorKind.Authentication, "invalid key");
    }
}
