using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// The real host on a config file: plugins loaded from disk, their simulators started in-process, sessions
/// over loopback WebSockets, the hub and the book managers. Disposed, it stops everything.
/// </summary>
internal sealed class SimulatedDeployment : IAsyncDisposable
{
    private readonly LoadedConfig _loaded;
    private readonly HostedDeployment _hosted;
    private readonly CancellationTokenSource _timeout;

    private SimulatedDeployment(LoadedConfig loaded, HostedDeployment hosted, CancellationTokenSource timeout)
    {
        _loaded = loaded;
        _hosted = hosted;
        _timeout = timeout;
    }

    public Deployment Deployment => _hosted.Deployment;

    public HostedDeployment Hosted => _hosted;

    /// <summary>Cancelled when the test has run too long: streams read with it end instead of hanging.</summary>
    public CancellationToken Timeout => _timeout.Token;

    public VenueRuntime Venue => Deployment.Venues.Single();

    /// <summary>
    /// Starts one simulated venue of <paramref name="plugin"/> (with plugin <paramref name="settings"/> lines)
    /// subscribed to trades and a depth-10 book of BTC/USD and ETH/USD.
    /// </summary>
    public static async Task<SimulatedDeployment> StartAsync(CliHarness cli, string plugin, string settings = "", string watchdog = "10s", CapturedLogs? logs = null)
    {
        var venue = VenueYaml.Simulated(plugin, seed: 5).With(settings).Subscribe(["BTC/USD", "ETH/USD"], "trades", VenueYaml.Book(10));
        cli.WriteConfig(CliHarness.Config([venue], watchdog));
        var loaded = LoadedConfig.Load(cli.ConfigPath, ConfigLoadOptions.Default, TextWriter.Null) ?? throw new InvalidOperationException("config did not load");
        var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        ILoggerFactory loggers = logs is null ? NullLoggerFactory.Instance : LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var hosted = await HostedDeployment.StartAsync(
            loaded,
            p => [.. loaded.Config.Venues.Select(v => p.Plan(v))],
            DeploymentOptions.Default,
            loggers,
            TimeProvider.System,
            TextWriter.Null,
            timeout.Token) ?? throw new InvalidOperationException("no venue started");
        return new SimulatedDeployment(loaded, hosted, timeout);
    }

    /// <summary>Waits (20 s at most: loaded CI machines) for <paramref name="condition"/>.</summary>
    public Task WaitAsync(Func<bool> condition, string what) => Eventually.TrueAsync(condition, what, 20_000, Describe);

    /// <summary>
    /// Waits until the venue's sessions are Ready: every REST call of their start (instrument lists, WebSocket tokens)
    /// is done, so a REST fault injected afterwards meets only the calls a test makes.
    /// </summary>
    public Task WaitForSessionsReadyAsync() =>
        WaitAsync(() => Venue.Session?.State is { Phase: SessionPhase.Ready }
            && (Venue.Context.Credentials is null || Venue.PrivateSession?.State is { Phase: SessionPhase.Ready }), "sessions ready");

    /// <summary>Waits until every book of the venue is good (snapshot applied and checked, not stale).</summary>
    public Task WaitForGoodBooksAsync(params Symbol[] symbols) =>
        WaitAsync(() => symbols.All(s => Deployment.Venues.Single().Feed!.Books.Snapshot(s) is { IsStale: false }), "good books");

    /// <summary>A book that is served as good must have a snapshot; a stale one must say so.</summary>
    public static void AssertHonest(BookSnapshot? book)
    {
        if (book is { IsStale: false })
        {
            Assert.True(book.Bids.Count > 0 && book.Asks.Count > 0, "a book served as good has both sides");
            Assert.True(book.Bids[0].Price < book.Asks[0].Price, "a book served as good is not crossed");
        }
    }

    public string Describe()
    {
        var venue = Deployment.Venues.Single();
        var session = venue.Session;
        return $"status {venue.Status}; state {session?.State}; connections {session?.Counters.Connections}, reconnects {session?.Counters.Reconnects}, watchdog {session?.Counters.WatchdogTrips}, resyncs {session?.Counters.ResyncsSent}; " +
               $"frames {venue.Feed?.Counters.Frames}, malformed {venue.Feed?.Counters.MalformedFrames}, decoder faults {venue.Feed?.Counters.DecoderFaults}";
    }

    public async ValueTask DisposeAsync()
    {
        await _hosted.DisposeAsync();
        _loaded.Dispose();
        _timeout.Dispose();
    }
}
