using Fluxum.Host.Cli.Runners;
using Fluxum.Sdk;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.Cli;

public sealed class RuntimeCommandsTests
{
    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Run_NoRuntimeWired_ExitsTwoSayingNotAvailable()
    {
        var exit = await _cli.RunAsync("run", "--config", "/tmp/x.yaml");

        Assert.Equal(NotAvailableRunner<RunRequest>.ExitCode, exit);
        Assert.StartsWith("fluxum run: not available yet", _cli.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Options_ReachRunner()
    {
        var runner = CliHarness.Recording<RunRequest>(exitCode: 0);
        _cli.Services = _cli.Services with { Run = runner };

        var exit = await _cli.RunAsync("run", "--config", "/tmp/deploy.yaml", "--duration", "90s");

        Assert.Equal(0, exit);
        Assert.Equal(new RunRequest("/tmp/deploy.yaml", TimeSpan.FromSeconds(90)), runner.Request);
    }

    [Fact]
    public async Task Run_NoConfigOption_DefaultsToFluxumYamlInCurrentDirectory()
    {
        var runner = CliHarness.Recording<RunRequest>();
        _cli.Services = _cli.Services with { Run = runner };

        await _cli.RunAsync("run");

        Assert.Equal(new RunRequest(Path.GetFullPath("fluxum.yaml"), null), runner.Request);
    }

    [Fact]
    public async Task Run_BadDuration_ExitsWithUsageCodeAndExpectedFormat()
    {
        var runner = CliHarness.Recording<RunRequest>();
        _cli.Services = _cli.Services with { Run = runner };

        var exit = await _cli.RunAsync("run", "--duration", "soon");

        Assert.Equal(Fluxum.Host.Cli.ExitCodes.Usage, exit);
        Assert.Null(runner.Request);
        Assert.Contains("'soon' is not a duration; expected a number and a unit (ms, s, m, h, d, w), for example 30s or 1m.", _cli.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DurationElapses_CancelsRunnerToken()
    {
        var time = new FakeTimeProvider();
        var runner = new UntilCancelledRunner<RunRequest>();
        _cli.Services = _cli.Services with { Run = runner, Time = time };

        var run = _cli.RunAsync("run", "--duration", "30s");
        await runner.Started.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(run.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(runner.WasCancelled);
    }

    [Fact]
    public async Task Run_InvocationCancelled_CancelsRunnerToken()
    {
        var runner = new UntilCancelledRunner<RunRequest>();
        _cli.Services = _cli.Services with { Run = runner };
        using var ctrlC = new CancellationTokenSource();

        var run = _cli.RunAsync(ctrlC.Token, "run");
        await runner.Started.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(run.IsCompleted);
        await ctrlC.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(runner.WasCancelled);
    }

    [Fact]
    public async Task Stream_AllOptions_ParsedIntoRequest()
    {
        var runner = CliHarness.Recording<StreamRequest>();
        _cli.Services = _cli.Services with { Stream = runner };

        var exit = await _cli.RunAsync(
            "stream", "ohlc", "--exchange", "kraken,gemini", "--symbol", "BTC/USD,ETH/USD", "--interval", "5m",
            "--format", "json", "--duration", "1m", "--record", "/tmp/frames.jsonl", "--config", "/tmp/f.yaml");

        Assert.Equal(0, exit);
        var r = runner.Request!;
        Assert.Equal(StreamKind.Ohlc, r.Kind);
        Assert.Equal(["kraken", "gemini"], r.Venues);
        Assert.Equal([Symbol.Parse("BTC/USD"), Symbol.Parse("ETH/USD")], r.Symbols);
        Assert.Equal((TimeSpan.FromMinutes(5), (int?)null, OutputFormat.Json, TimeSpan.FromMinutes(1)), (r.Interval!.Value, r.Depth, r.Format, r.Duration!.Value));
        Assert.Equal(("/tmp/frames.jsonl", "/tmp/f.yaml"), (r.RecordPath, r.ConfigPath));
    }

    [Fact]
    public async Task Stream_Book_DefaultsDepthTenAndTable()
    {
        var runner = CliHarness.Recording<StreamRequest>();
        _cli.Services = _cli.Services with { Stream = runner };

        await _cli.RunAsync("stream", "book", "-e", "kraken", "-s", "BTC/USD");

        Assert.Equal((StreamKind.Book, 10, (TimeSpan?)null, OutputFormat.Table), (runner.Request!.Kind, runner.Request.Depth, runner.Request.Interval, runner.Request.Format));
    }

    [Theory]
    [InlineData("'BTCUSD' is not a symbol; expected BASE/QUOTE", "stream", "ticker", "-e", "kraken", "-s", "BTCUSD")]
    [InlineData("--depth applies to book only.", "stream", "ticker", "-e", "kraken", "-s", "BTC/USD", "--depth", "5")]
    [InlineData("--interval applies to ohlc only.", "stream", "book", "-e", "kraken", "-s", "BTC/USD", "--interval", "1m")]
    [InlineData("--symbol is required for trades", "stream", "trades", "-e", "kraken")]
    [InlineData("--exchange", "stream", "ticker", "-s", "BTC/USD")]
    [InlineData("tickers", "stream", "tickers", "-e", "kraken", "-s", "BTC/USD")]
    [InlineData("--depth must be at least 1", "stream", "book", "-e", "kraken", "-s", "BTC/USD", "--depth", "0")]
    public async Task Stream_InvalidCommandLine_ExitsWithUsageCodeAndMessage(string expected, params string[] args)
    {
        var runner = CliHarness.Recording<StreamRequest>();
        _cli.Services = _cli.Services with { Stream = runner };

        var exit = await _cli.RunAsync(args);

        Assert.Equal(Fluxum.Host.Cli.ExitCodes.Usage, exit);
        Assert.Null(runner.Request);
        Assert.Contains(expected, _cli.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_RawWithoutSymbol_Accepted()
    {
        var runner = CliHarness.Recording<StreamRequest>();
        _cli.Services = _cli.Services with { Stream = runner };

        Assert.Equal(0, await _cli.RunAsync("stream", "raw", "--exchange", "gemini"));
        Assert.Empty(runner.Request!.Symbols);
    }

    [Fact]
    public async Task Simulate_Options_ParsedIntoRequest()
    {
        var runner = CliHarness.Recording<SimulateRequest>();
        _cli.Services = _cli.Services with { Simulate = runner };

        Assert.Equal(0, await _cli.RunAsync("simulate", "kraken", "--port", "9001", "--seed", "7", "--config", "/tmp/f.yaml"));
        Assert.Equal(new SimulateRequest("kraken", 9001, 7, "/tmp/f.yaml"), runner.Request);
    }

    [Fact]
    public async Task Simulate_FaultOptions_JoinedIntoOneSchedule()
    {
        var runner = CliHarness.Recording<SimulateRequest>();
        _cli.Services = _cli.Services with { Simulate = runner };

        Assert.Equal(0, await _cli.RunAsync("simulate", "kraken", "--port", "0", "--fault", "drop@5s,corrupt-checksum@every:10s", "--fault", "stall:2s@1m", "--config", "/tmp/f.yaml"));
        Assert.Equal("drop@5s,corrupt-checksum@every:10s,stall:2s@1m", runner.Request!.Faults);
    }

    [Fact]
    public async Task Simulate_MissingOrBadPort_ExitsWithUsageCode()
    {
        var runner = CliHarness.Recording<SimulateRequest>();
        _cli.Services = _cli.Services with { Simulate = runner };

        Assert.Equal(Fluxum.Host.Cli.ExitCodes.Usage, await _cli.RunAsync("simulate", "kraken"));
        Assert.Equal(Fluxum.Host.Cli.ExitCodes.Usage, await _cli.RunAsync("simulate", "kraken", "--port", "70000"));
        Assert.Null(runner.Request);
        Assert.Contains("--port must be between 0 and 65535, got 70000.", _cli.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptRun_ArgsAfterDoubleDash_ReachRunner()
    {
        var runner = CliHarness.Recording<ScriptRunRequest>();
        _cli.Services = _cli.Services with { Script = runner };

        var exit = await _cli.RunAsync("script", "run", "/tmp/bbo.csx", "--config", "/tmp/f.yaml", "--", "--fast", "BTC/USD");

        Assert.Equal(0, exit);
        Assert.Equal(("/tmp/bbo.csx", "/tmp/f.yaml"), (runner.Request!.ScriptPath, runner.Request.ConfigPath));
        Assert.Equal(["--fast", "BTC/USD"], runner.Request.Args);
    }

    [Fact]
    public async Task ScriptRun_NotCsx_ExitsWithUsageCode()
    {
        Assert.Equal(Fluxum.Host.Cli.ExitCodes.Usage, await _cli.RunAsync("script", "run", "/tmp/bbo.py"));
        Assert.Contains("'bbo.py' is not a C# script; expected a .csx file.", _cli.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        Assert.Equal(0, await _cli.RunAsync("--help"));

        foreach (var command in new[] { "run", "stream", "simulate", "script", "plugins", "config" })
        {
            Assert.Contains(command, _cli.OutText, StringComparison.Ordinal);
        }
    }
}
