using Fluxum.Host.Cli;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary><c>fluxum run</c> ends by itself when its replays are done, and its exit code says whether it did what it was asked.</summary>
public sealed class ExitCodeEndToEndTests : IDisposable
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Run_ReplayWithoutDuration_PlaysToTheEndPrintsFinalStatusAndExitsZero()
    {
        var recording = _cli.Path2("frames.jsonl");
        _cli.WriteConfig(VenueYaml.Simulated("kraken", seed: 4).Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10)));
        var live = await _cli.RunAsync("stream", "book", "--exchange", "kraken", "--symbol", "BTC/USD", "--duration", "3s", "--record", recording, "--config", _cli.ConfigPath);
        Assert.True(live.ExitCode == 0, live.ToString());
        _cli.WriteConfig(VenueYaml.Replay("kraken", recording).Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10)));

        var replay = await _cli.RunAsync("run", "--config", _cli.ConfigPath);

        Assert.True(replay.ExitCode == ExitCodes.Success, replay.ToString());
        Assert.Contains("fluxum: stopped. Final status:", replay.Output, StringComparison.Ordinal);
        Assert.Contains(replay.Lines, l => l.StartsWith("kraken ", StringComparison.Ordinal) && l.Contains("Completed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ReplayFileMissing_NothingStartedExitsOneNamingThePath()
    {
        var missing = _cli.Path2("missing.jsonl");
        _cli.WriteConfig(VenueYaml.Replay("kraken", missing));

        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath);

        Assert.Equal(ExitCodes.NotStarted, result.ExitCode);
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EveryVenueFaultsWhileRunning_ExitsWithDeploymentFailedAndSaysWhy()
    {
        // Nothing listens on port 1: the live session gives up after the configured attempts and the venue faults.
        _cli.WriteConfig(VenueYaml.UnreachableKraken);

        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == ExitCodes.DeploymentFailed, result.ToString());
        Assert.Contains("the deployment did not do what it was asked (every venue faulted)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownOption_UsageExitCode()
    {
        var result = await _cli.RunAsync("run", "--no-such-option");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--no-such-option", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DurationOutOfRange_UsageErrorNamesOptionAndRange()
    {
        var result = await _cli.RunAsync("run", "--duration", "99999999999d");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--duration '99999999999d' is out of range; a duration must be between 1ms and 3650d.", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
