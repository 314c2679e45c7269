using Fluxum.Host.Recording;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Runtime;

public sealed class DeploymentTests
{
    private static readonly Subscription BtcTrades = new(MarketChannel.Trades, JsonTestProtocol.Btc);

    [Fact]
    public async Task StartAsync_OnePluginThrows_OnlyThatVenueFaultsAndTheOtherStreams()
    {
        await using var server = await TestVenueServer.StartAsync();
        var good = Venue("good", new JsonTestPlugin(), VenueMode.Live, server.Uri);
        var broken = Venue("broken", new JsonTestPlugin { ThrowOnCreate = true }, VenueMode.Live, server.Uri);
        await using var deployment = new Deployment([good, broken], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);
        var trades = deployment.Hub.Trades();

        var running = await deployment.StartAsync();

        Assert.Equal(1, running);
        var fault = Assert.Single(deployment.Faults);
        Assert.Equal("broken", fault.Venue);
        Assert.Contains("broken: plugin jsontest failed to create its protocol: the test plugin cannot create protocols", fault.Message, StringComparison.Ordinal);
        await deployment.Venues[0].Session!.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await server.BroadcastAsync(TestVenueServer.Trade(1));
        var trade = (await Eventually.TakeAsync(trades, 1))[0];
        Assert.Equal("good", trade.Venue);
    }

    [Fact]
    public async Task SimulatedMode_StartsSimulatorAndConnectsToItsEndpoints()
    {
        var plugin = new JsonTestPlugin();
        await using var deployment = new Deployment([Venue("sim", plugin, VenueMode.Simulated, null)], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);

        Assert.Equal(1, await deployment.StartAsync());
        var runtime = deployment.Venues[0];
        await runtime.Session!.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SessionState.Ready, runtime.Session.State);
        Assert.Equal(plugin.StartedSimulator!.Uri, runtime.Context.Endpoints["ws"]);
        Assert.Equal(1, plugin.StartedSimulator.SubscribeCount("trades", "BTC/USD"));
    }

    [Fact]
    public async Task SimulatedMode_SimulatorFailsToStart_VenueFaultNamesIt()
    {
        await using var server = await TestVenueServer.StartAsync();
        var failing = Venue("sim", new JsonTestPlugin { BrokenSimulator = true }, VenueMode.Simulated, null);
        var live = Venue("live", new JsonTestPlugin(), VenueMode.Live, server.Uri);
        await using var deployment = new Deployment([failing, live], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);

        Assert.Equal(1, await deployment.StartAsync());

        var fault = Assert.Single(deployment.Faults);
        Assert.Equal("sim: the jsontest simulator failed to start: InvalidOperationException: port already taken", fault.Message);
        Assert.Equal(VenueRuntimeStatus.Running, deployment.Venues[1].Status);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ClosesSocketsAndEndsStreams()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var deployment = new Deployment([Venue("good", new JsonTestPlugin(), VenueMode.Live, server.Uri)], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);
        var trades = deployment.Hub.Trades();
        using var cts = new CancellationTokenSource();
        var run = deployment.RunAsync(cts.Token);
        await Eventually.TrueAsync(() => server.OpenSockets == 1, "the venue connected");

        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        await Eventually.TrueAsync(() => server.OpenSockets == 0, "the socket closed");
        Assert.Equal(SessionState.Disconnected, deployment.Venues[0].Session!.State);
        Assert.Empty(await Eventually.TakeAsync(trades, int.MaxValue));
    }

    [Fact]
    public async Task SessionGivesUp_VenueFaultsWithReason()
    {
        var venue = Venue("gone", new JsonTestPlugin(), VenueMode.Live, JsonTestPlugin.Unreachable) with
        {
            ReconnectPolicy = SessionHarness.FastPolicy(maxAttempts: 2),
        };
        await using var deployment = new Deployment([venue], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);

        await deployment.StartAsync();
        await deployment.Venues[0].Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(VenueRuntimeStatus.Faulted, deployment.Venues[0].Status);
        Assert.Contains("gone (public): gave up after 2 reconnect attempts", deployment.Faults[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayMode_PlaysRecordingIntoHubAndCompletes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fluxum-replay-{Guid.NewGuid():N}.jsonl");
        try
        {
            using (var recorder = new FrameRecorder(path))
            {
                recorder.Record("rec", DateTimeOffset.UnixEpoch, System.Text.Encoding.UTF8.GetBytes(TestVenueServer.Trade(1)));
                recorder.Record("rec", DateTimeOffset.UnixEpoch, System.Text.Encoding.UTF8.GetBytes(TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]")));
            }

            await using var deployment = new Deployment([Venue("rec", new JsonTestPlugin(), VenueMode.Replay, null, path)], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);
            var trades = deployment.Hub.Trades();

            await deployment.RunAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal("1", Assert.Single(await Eventually.TakeAsync(trades, int.MaxValue)).TradeId);
            Assert.Equal(VenueRuntimeStatus.Completed, deployment.Venues[0].Status);
            Assert.Equal(100m, deployment.Hub.Books["rec"].Top(JsonTestProtocol.Btc)!.Value.Bid.Price);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReplayMode_MissingFile_VenueFaultNamesPath()
    {
        await using var deployment = new Deployment([Venue("rec", new JsonTestPlugin(), VenueMode.Replay, null, "/nonexistent/x.jsonl")], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);

        await deployment.RunAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("rec: replay of /nonexistent/x.jsonl failed", Assert.Single(deployment.Faults).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordPath_LiveRun_WritesEveryFrameWithVenue()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fluxum-rec-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var server = await TestVenueServer.StartAsync();
            await using (var deployment = new Deployment([Venue("good", new JsonTestPlugin(), VenueMode.Live, server.Uri)], new DeploymentOptions { RecordPath = path }, NullLoggerFactory.Instance, TimeProvider.System))
            {
                await deployment.StartAsync();
                await deployment.Venues[0].Session!.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
                await server.BroadcastAsync(TestVenueServer.Trade(5));
                await Eventually.TrueAsync(() => deployment.Venues[0].Feed!.Counters.Frames == 3, "two acks and a trade");
                await deployment.StopAsync();
            }

            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal(4, lines.Length);
            Assert.Contains("\"connected\":true", lines[0], StringComparison.Ordinal);
            Assert.All(lines, l => Assert.StartsWith("{\"venue\":\"good\",\"ts\":\"", l, StringComparison.Ordinal));
            Assert.Single(lines, l => l.Contains("\"frame\":\"{\\\"type\\\":\\\"trade\\\"", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static VenueRuntimeOptions Venue(string name, IExchangePlugin plugin, VenueMode mode, Uri? ws, string? replay = null) => new()
    {
        Plugin = plugin,
        Context = new VenueContext
        {
            Venue = name,
            Mode = mode,
            Endpoints = ws is null ? new Dictionary<string, Uri>() : new Dictionary<string, Uri> { ["ws"] = ws },
            Rest = NSubstitute.Substitute.For<IRestTransport>(),
            LoggerFactory = NullLoggerFactory.Instance,
        },
        Subscriptions = [BtcTrades, new Subscription(MarketChannel.Book(10), JsonTestProtocol.Btc)],
        ReconnectPolicy = SessionHarness.FastPolicy(),
        ReplayPath = replay,
        ReplayPace = ReplayPace.AsFastAsPossible,
    };
}
