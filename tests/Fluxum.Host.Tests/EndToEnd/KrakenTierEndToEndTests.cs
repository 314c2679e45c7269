using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// Kraken's <c>settings: { tier: ... }</c>: an unknown tier fails <c>config check</c> at its YAML line and key path;
/// a known one sets the call counter both the host keeps to and the simulated venue enforces.
/// </summary>
public sealed class KrakenTierEndToEndTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ConfigCheck_UnknownTier_ErrorNamesItsLineAndKeyPathAndTheTiers()
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken").With("settings: { tier: gold }").Subscribe(["BTC/USD"], "trades"));

        var result = await _cli.RunAsync("config", "check", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"fluxum\.yaml:\d+:\d+: venues\.kraken\.settings\.tier: plugin kraken: 'gold' is not a Kraken tier \(expected starter, intermediate, pro", result.Error);
    }

    [Fact]
    public async Task SimulatedVenue_TierPro_SixteenBalanceCallsAtOnce_NeitherHeldByTheHostNorRefusedByTheSimulator()
    {
        // Starter (15) would hold at least two of these in the host and, were only the host on Pro, the simulator
        // would refuse the calls past its 15 (the ledger client then fails with a rate-limit error).
        var logs = new CapturedLogs();
        await using var deployment = await SimulatedDeployment.StartAsync(_cli, "kraken", "settings: { tier: pro }", logs: logs);
        await deployment.WaitForSessionsReadyAsync();
        var ledger = deployment.Venue.Adapter!.CreateLedgerClient();
        var heldBefore = deployment.Hosted.RestCounters.Delayed;

        for (var i = 0; i < 16; i++)
        {
            Assert.True((await ledger.BalancesAsync(deployment.Timeout)).ContainsKey("BTC"));
        }

        Assert.Equal(heldBefore, deployment.Hosted.RestCounters.Delayed);  // 16 + the start's token call fit Pro's 20 at once
        Assert.Equal(0, deployment.Hosted.RestCounters.Retries);
        Assert.DoesNotContain(logs.Lines, l => l.EventId == 4203);          // the simulator refused none
    }
}
