using System.Diagnostics;
using System.Text.RegularExpressions;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// <c>fluxum run --live</c> in a real pseudo-terminal (tmux): the view shows both venues and redraws in place; with a
/// redirected output it falls back to the status lines. <c>fluxum top</c> against a running deployment's admin server.
/// </summary>
public sealed partial class LiveViewEndToEndTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _session = "fluxum-live-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        _ = Tmux("kill-session", "-t", _session);
        _cli.Dispose();
    }

    [Fact]
    public async Task RunLive_InATerminal_ShowsBothVenuesAndRedraws()
    {
        Assert.True(File.Exists("/usr/bin/tmux") || File.Exists("/usr/local/bin/tmux"), "tmux is needed for this test (apt-get install tmux); .ci/run installs it");
        WriteTwoVenues();
        var command = $"dotnet {FluxumProcess.Assembly} run --config {_cli.ConfigPath} --duration 20s --live 2>/dev/null; sleep 60";
        Assert.Equal(0, Tmux("new-session", "-d", "-s", _session, "-x", "180", "-y", "60", command).ExitCode);

        var first = await CaptureAsync(screen => screen.Contains("│ gemini │ public", StringComparison.Ordinal) && screen.Contains("│ kraken │ BTC/USD", StringComparison.Ordinal), "the view with both venues");
        var stamp = Stamp().Match(first).Value;
        var second = await CaptureAsync(screen => Stamp().Match(screen).Value is { Length: > 0 } s && s != stamp, "a redraw with a later time");

        Assert.Contains("│ kraken │ public", second);
        Assert.Contains("│ gemini │ BTC/USD", second);
        Assert.Contains("best bid / offer", second);
        Assert.Single(Regex.Matches(second, "connections")); // redrawn in place, not appended
    }

    [Fact]
    public async Task RunLive_Redirected_PrintsStatusLines()
    {
        WriteTwoVenues();

        var result = await FluxumProcess.RunAsync(Path.GetDirectoryName(_cli.ConfigPath)!, "run", "--config", _cli.ConfigPath, "--duration", "6s", "--live");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--live needs a terminal", result.Error);
        Assert.Contains("fluxum: stopped. Final status:", result.Output);
        Assert.DoesNotContain("╭", result.Output);
    }

    [Fact]
    public async Task Top_AgainstARunningDeployment_PrintsItsSessionsAndBooks()
    {
        _cli.WriteConfig(CliHarness.Config([VenueYaml.Simulated("kraken", seed: 3, tick: "100ms").Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10))]) with { Admin = "{ listen: \"127.0.0.1:0\" }" });
        using var run = await RunningFluxum.StartAsync(_cli.ConfigPath, "20s");
        await Task.Delay(2000); // the sessions reach Ready
        var top = await FluxumProcess.RunAsync(Path.GetDirectoryName(_cli.ConfigPath)!, "top", "--url", run.Admin.ToString(), "--duration", "3s");

        Assert.True(top.ExitCode == 0, top.ToString());
        Assert.Contains("kraken public: Ready", top.Output);
        Assert.Matches(@"kraken BTC/USD: \d+(\.\d+)? / \d+(\.\d+)?", top.Output);
        Assert.True(Regex.Matches(top.Output, "^--- ", RegexOptions.Multiline).Count >= 2, top.Output);
    }

    [Fact]
    public async Task Top_NothingListening_ExitsOneSayingWhy()
    {
        var top = await FluxumProcess.RunAsync(Path.GetTempPath(), "top", "--url", "http://127.0.0.1:9/", "--duration", "3s");

        Assert.Equal(1, top.ExitCode);
        Assert.Contains("fluxum top: http://127.0.0.1:9/status", top.Error);
    }

    private void WriteTwoVenues()
    {
        string[] channels = ["ticker", VenueYaml.Book(10)];
        _cli.WriteConfig(CliHarness.Config(
        [
            VenueYaml.Simulated("kraken", seed: 42, tick: "100ms").Subscribe(["BTC/USD", "ETH/USD"], channels),
            VenueYaml.Simulated("gemini", seed: 7, tick: "100ms").With("api: ws").Subscribe(["BTC/USD", "ETH/USD"], channels),
        ]) with { Logging = ConfigYaml.LoggingAt("warning") });
    }

    private async Task<string> CaptureAsync(Func<string, bool> shows, string what)
    {
        // Polled every 200 ms, not at Eventually's 5 ms: each probe starts a tmux process.
        var deadline = Environment.TickCount64 + 40_000;
        var screen = string.Empty;
        while (Environment.TickCount64 < deadline)
        {
            screen = Tmux("capture-pane", "-p", "-t", _session).Output;
            if (shows(screen))
            {
                return screen;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"tmux never showed {what}; the screen:\n{screen}");
    }

    private static (int ExitCode, string Output) Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"\d\d:\d\d:\d\d")]
    private static partial Regex Stamp();

}
