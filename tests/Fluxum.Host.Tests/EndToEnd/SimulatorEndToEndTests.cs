using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fluxum.Host.Cli;
using Fluxum.Host.Tests.Support;
using Spectre.Console;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// The simulators' fixed instrument lists through the host (config check, a refused subscription) and
/// <c>fluxum simulate --fault</c> observed by a client over a real socket.
/// </summary>
public sealed partial class SimulatorEndToEndTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("kraken")]
    [InlineData("gemini")]
    public async Task ConfigCheck_SimulatedVenueUntradedSymbol_ErrorAtTheSymbolWithKeyPath(string plugin)
    {
        _cli.WriteConfig($$"""
              {{plugin}}:
                plugin: {{plugin}}
                mode: simulated
                subscriptions:
                  - symbols: [BTC/USD, FOO/BAR]
                    channels: [trades]
            """);

        var result = await _cli.RunAsync("config", "check", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = Assert.Single(result.Error.Split('\n'), l => l.Contains("FOO/BAR", StringComparison.Ordinal));
        Assert.Contains($":8:28: venues.{plugin}.subscriptions[0].symbols[1]: FOO/BAR is not traded by the {plugin} simulator (mode simulated); its instruments: ", error, StringComparison.Ordinal);
        Assert.Contains("BTC/USD, ETH/USD", error, StringComparison.Ordinal);
        Assert.DoesNotContain("symbols[0]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_SimulatedVenueTradedSymbols_Valid()
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken").Subscribe(["BTC/USD", "SOL/USD", "ETH/BTC"], "trades"));

        var result = await _cli.RunAsync("config", "check", "--config", _cli.ConfigPath);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Stream_UntradedSymbolOnTheKrakenSimulator_RefusalNamesVenueAndSymbol()
    {
        _cli.WriteConfig(VenueYaml.Simulated("kraken", seed: 1).Subscribe(["BTC/USD"], "ticker"));

        var result = await _cli.RunAsync("stream", "ticker", "--exchange", "kraken", "--symbol", "FOO/BAR,BTC/USD", "--duration", "4s", "--config", _cli.ConfigPath);

        var refusal = Assert.Single(result.Error.Split('\n'), l => l.Contains("subscription_rejected", StringComparison.Ordinal));
        Assert.Matches(@"^! \S+\s+kraken\s+FOO/BAR\s+subscription_rejected: kraken refused subscribe ticker FOO/BAR: Currency pair not supported FOO/BAR", refusal);
        Assert.Contains("refused subscriptions 1", result.Error, StringComparison.Ordinal);
        Assert.Contains("BTC/USD", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("FOO/BAR", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_PeriodicDrop_ClientOverASocketIsDroppedAgainAndAgain()
    {
        WriteKrakenConfig();
        await using var run = LiveCli.Start("simulate", "kraken", "--port", "0", "--fault", "drop@every:1500ms", "--config", _cli.ConfigPath);
        var uri = new Uri(await run.WaitForAsync(WsEndpoint()));

        for (var drop = 1; drop <= 2; drop++)
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(uri, CancellationToken.None);
            Assert.Contains("\"channel\":\"status\"", await ReceiveAsync(socket), StringComparison.Ordinal);
            await SendAsync(socket, """{"method":"subscribe","params":{"channel":"ticker","symbol":["BTC/USD"]}}""");

            // Traffic flows until the scheduled drop aborts the connection.
            var frames = 0;
            await Assert.ThrowsAnyAsync<WebSocketException>(async () =>
            {
                while (true)
                {
                    await ReceiveAsync(socket);
                    frames++;
                }
            });
            Assert.True(frames > 0, $"drop {drop}: no traffic before it");
        }

        // Each injection is reported once it is done (just after the abort the client saw).
        await run.WaitForAsync(TwoDrops());
        Assert.Contains("fault    drop@every:1500ms", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task Simulate_OneShotMalformed_GeminiClientGetsOneBadFrame()
    {
        WriteKrakenConfig();
        await using var run = LiveCli.Start("simulate", "gemini", "--port", "0", "--fault", "malformed@2s", "--config", _cli.ConfigPath);
        var uri = new Uri(await run.WaitForAsync(V2Endpoint()));
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        await SendAsync(socket, """{"type":"subscribe","subscriptions":[{"name":"l2","symbols":["BTCUSD"]}]}""");

        string? bad = null;
        var good = 0;
        while (bad is null)
        {
            var frame = await ReceiveAsync(socket);
            if (IsJson(frame))
            {
                good++;
            }
            else
            {
                bad = frame;
            }
        }

        Assert.True(good > 0);
        Assert.StartsWith("{\"type\":\"l2_updates\"", bad, StringComparison.Ordinal);
        await run.WaitForAsync(MalformedReported());
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task Simulate_BadFaultText_ClearErrorNamingTheBadPart()
    {
        WriteKrakenConfig();

        var result = await _cli.RunAsync("simulate", "kraken", "--port", "0", "--fault", "drop@5s,corrupt-checksum:FOO/BAR@every:10s", "--duration", "5s", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: --fault: fault 'corrupt-checksum:FOO/BAR@every:10s': FOO/BAR is not an instrument of this simulator", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("simulator on 127.0.0.1", result.Output, StringComparison.Ordinal);
    }

    private void WriteKrakenConfig() => _cli.WriteConfig(VenueYaml.Simulated("kraken").Subscribe(["BTC/USD"], "ticker"));

    [GeneratedRegex(@"\bws\s+(ws://127\.0\.0\.1:\d+/v2)")]
    private static partial Regex WsEndpoint();

    [GeneratedRegex(@"(fault drop@every:1500ms: injected DropConnections\n)(?s:.*)fault drop@every:1500ms: injected DropConnections\n")]
    private static partial Regex TwoDrops();

    [GeneratedRegex(@"(fault malformed@2s: injected MalformedFrame)\n")]
    private static partial Regex MalformedReported();

    [GeneratedRegex(@"\bws_v2\s+(ws://127\.0\.0\.1:\d+/v2/marketdata)")]
    private static partial Regex V2Endpoint();

    private static bool IsJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[256 * 1024];
        var count = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed by the server");
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, count);
            }
        }
    }

    /// <summary>The real command line running in the background, its output readable while it runs.</summary>
    private sealed class LiveCli : IAsyncDisposable
    {
        private readonly StringWriter _output = new();
        private readonly StringWriter _error = new();
        private readonly TextWriter _syncOutput;
        private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(90));
        private readonly Task<int> _run;

        private LiveCli(string[] args)
        {
            var output = TextWriter.Synchronized(_output);
            _syncOutput = output;
            var error = TextWriter.Synchronized(_error);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            var services = CliServices.WithRuntime(CliServices.Create(console, output, error));
            _run = Task.Run(() => FluxumCli.InvokeAsync(args, services, _stop.Token));
        }

        public string Output
        {
            get
            {
                // The synchronized writer locks itself around every write.
                lock (_syncOutput)
                {
                    return _output.ToString();
                }
            }
        }

        public static LiveCli Start(params string[] args) => new(args);

        /// <summary>Waits until the output matches, and returns the first group.</summary>
        public async Task<string> WaitForAsync(Regex pattern)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                if (pattern.Match(Output) is { Success: true } match)
                {
                    return match.Groups[1].Value;
                }

                Assert.False(_run.IsCompleted, $"the command ended: {Output}\n{_error}");
                await Task.Delay(20, timeout.Token);
            }
        }

        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await _run;
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await ((Task)_run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _stop.Dispose();
        }
    }
}
