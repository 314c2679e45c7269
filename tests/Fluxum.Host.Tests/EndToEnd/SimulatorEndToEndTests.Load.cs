using System.Net.WebSockets;
using System.Text.Json;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>The simulators' load mode from the command line (<c>fluxum simulate --load</c>) and from <c>fluxum.yaml</c> (<c>simulator.load</c>).</summary>
public sealed partial class SimulatorEndToEndTests
{
    [Fact]
    public async Task Simulate_KrakenLoad_ClientGetsExactlyTheAskedFramesThenOnlyHeartbeats()
    {
        WriteKrakenConfig();
        await using var run = LiveCli.Start("simulate", "kraken", "--port", "0", "--load", "0", "--load-messages", "300", "--config", _cli.ConfigPath);
        var uri = new Uri(await run.WaitForAsync(WsEndpoint()));
        Assert.Contains("load     as fast as the socket takes on each connection, 300 frames", run.Output, StringComparison.Ordinal);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, CancellationToken.None);
        await SendAsync(socket, """{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":10}}""");

        var updates = 0;
        var snapshots = 0;
        var heartbeats = 0;
        while (heartbeats < 2)
        {
            using var frame = JsonDocument.Parse(await ReceiveAsync(socket));
            var root = frame.RootElement;
            var channel = root.TryGetProperty("channel", out var c) ? c.GetString() : null;
            switch (channel, root.TryGetProperty("type", out var t) ? t.GetString() : null)
            {
                case ("book", "update"):
                    Assert.Equal(0, heartbeats); // nothing after the load but heartbeats
                    updates++;
                    var data = root.GetProperty("data")[0];
                    Assert.Equal("BTC/USD", data.GetProperty("symbol").GetString());
                    Assert.True(data.GetProperty("checksum").GetUInt32() > 0);
                    var stamp = DateTimeOffset.Parse(data.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.InRange(DateTimeOffset.UtcNow - stamp, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(10));
                    break;
                case ("book", "snapshot"):
                    snapshots++;
                    break;
                case ("heartbeat", _):
                    heartbeats++;
                    break;
            }
        }

        Assert.Equal(1, snapshots);
        Assert.Equal(300, updates);
        Assert.Equal(0, await run.StopAsync());
    }

    [Fact]
    public async Task Simulate_GeminiLoad_RefusedNamingThePlugin()
    {
        WriteKrakenConfig();

        var result = await _cli.RunAsync("simulate", "gemini", "--port", "0", "--load", "1000", "--duration", "5s", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: --load: the gemini simulator has no load mode", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_LoadMessagesWithoutLoadOrNegativeRate_UsageErrors()
    {
        WriteKrakenConfig();

        var alone = await _cli.RunAsync("simulate", "kraken", "--port", "0", "--load-messages", "10", "--config", _cli.ConfigPath);
        var negative = await _cli.RunAsync("simulate", "kraken", "--port", "0", "--load", "-3", "--config", _cli.ConfigPath);

        Assert.NotEqual(0, alone.ExitCode);
        Assert.Contains("--load-messages needs --load.", alone.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, negative.ExitCode);
        Assert.Contains("--load must be 0 (as fast as the socket takes) or a rate in frames per second, got -3.", negative.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_SimulatorLoad_KrakenValidGeminiErrorAtTheKeyBadValuesNamed()
    {
        _cli.WriteConfig(
            VenueYaml.Simulated("kraken") with { Simulator = "{ seed: 1, load: { rate: 10000, messages: 50000, settle: 200ms } }" },
            VenueYaml.Simulated("gemini") with { Simulator = "{ seed: 2, load: { rate: 100 } }" },
            new VenueYaml("k2", "simulated") { Plugin = "kraken", Simulator = "{ load: { rate: -5, messages: 0, speed: 3 } }" });

        var result = await _cli.RunAsync("config", "check", "--config", _cli.ConfigPath);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("venues.kraken.", result.Error, StringComparison.Ordinal);
        Assert.Contains("venues.gemini.simulator.load: the gemini simulator has no load mode; remove simulator.load (the kraken simulator has one)", result.Error, StringComparison.Ordinal);
        Assert.Contains("venues.k2.simulator.load.rate:", result.Error, StringComparison.Ordinal);
        Assert.Contains("venues.k2.simulator.load.messages:", result.Error, StringComparison.Ordinal);
        Assert.Contains("venues.k2.simulator.load.speed:", result.Error, StringComparison.Ordinal);
    }
}
