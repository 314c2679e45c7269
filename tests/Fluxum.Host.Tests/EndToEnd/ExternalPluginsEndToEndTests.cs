using System.Text.RegularExpressions;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// The plugins built from outside the host's solution (every <c>plugins/*/*.slnx</c>: Coinbase, Binance), as a third
/// party builds them: the SDK packed into the local feed, each solution built and tested on its own against the
/// packages, its drop-in folder copied into a temporary plugin directory, and the host (not rebuilt) running them
/// beside the simulated Kraken and Gemini.
/// </summary>
[Collection(ExternalBuildCollection.Name)]
public sealed partial class ExternalPluginsEndToEndTests(ExternalPluginsEndToEndTests.Plugins plugins) : IClassFixture<ExternalPluginsEndToEndTests.Plugins>
{
    private static readonly Symbol BtcUsd = Symbol.Parse("BTC/USD");
    private static readonly Symbol EthUsd = Symbol.Parse("ETH/USD");
    private static readonly Symbol BtcUsdt = Symbol.Parse("BTC/USDT");
    private static readonly Symbol EthUsdt = Symbol.Parse("ETH/USDT");

    [Fact]
    public void EverySolution_BuildsFromThePackagesAndPassesItsOwnTests()
    {
        Assert.Contains("Fluxum.Plugins.Coinbase", plugins.Solutions.Keys);
        Assert.Contains("Fluxum.Plugins.Binance", plugins.Solutions.Keys);
        foreach (var (name, output) in plugins.Solutions)
        {
            Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+[1-9]\d*", output);
            var folder = Path.Combine(plugins.Directory, name);
            Assert.True(File.Exists(Path.Combine(folder, name + ".dll")), $"{name}: no drop-in folder");
            Assert.False(File.Exists(Path.Combine(folder, "Fluxum.Sdk.dll")), $"{name}: the contract was copied into the plugin folder");
        }

        // Built from outside: no project of the plugins references a project of the host's repository.
        foreach (var project in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "plugins"), "*.csproj", SearchOption.AllDirectories).Where(p => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))!) is "src" or "tests"))
        {
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(project)))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference.Groups[1].Value));
                var solution = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(project)!))!;
                Assert.True(target.StartsWith(solution, StringComparison.Ordinal), $"{project} references {target}, outside its own solution");
            }
        }
    }

    [Fact]
    public async Task PluginsList_ShowsTheFourVenues()
    {
        var listed = await ExternalBuild.RunAsync(plugins.Work, "dotnet", Host, "plugins", "list", "--config", plugins.Config, "--format", "json");

        var compact = listed.Replace(" ", "", StringComparison.Ordinal);
        foreach (var name in new[] { "kraken", "gemini", "coinbase", "binance" })
        {
            Assert.Contains($"\"name\":\"{name}\"", compact, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"loaded\":false", compact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FourVenuesStreamAndTheBestBidOfferScriptConsolidatesThemAll()
    {
        var (code, output) = await ExternalBuild.TryRunAsync(plugins.Work, "dotnet", Host, "run", "--config", plugins.Config, "--duration", "12s");

        Assert.True(code == 0, $"fluxum run exited {code}:\n{output}");
        foreach (var venue in new[] { "coinbase", "binance" })
        {
            Assert.True(Regex.IsMatch(output, $@"{venue} .* malformed 0 \| books: 2 snapshots [1-9]\d* updates, .* gaps 0, crossed 0"), $"{venue}'s final line is not clean:\n{output}");
        }

        // The script watches all four venues' books, and a line with no stale venue consolidated all four (Binance's as BTC/USDT).
        var watching = Assert.Single(output.Split('\n'), l => l.StartsWith("BBO watching BTC/USD (or BTC/USDT) on ", StringComparison.Ordinal));
        Assert.Equal(["binance", "coinbase", "gemini", "kraken"], watching.Trim().Split(' ')[^1].Split(',').Order(StringComparer.Ordinal));
        var lines = output.Split('\n').Where(l => l.Contains("BBO BTC/USD bid", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("stale -", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("binance", "BTC/USDT")]
    [InlineData("coinbase", "BTC/USD")]
    public async Task StreamBook_NewVenues(string venue, string symbol)
    {
        var output = await ExternalBuild.RunAsync(plugins.Work, "dotnet", Host, "stream", "book", "--exchange", venue, "--symbol", symbol, "--config", plugins.Config, "--duration", "5s", "--format", "json");

        var books = output.Split('\n').Where(l => l.Contains("\"bids\"", StringComparison.Ordinal)).ToList();
        Assert.True(books.Count >= 2, $"no books streamed:\n{output}");
        Assert.Contains(books, l => l.Contains($"\"{venue}\"", StringComparison.Ordinal) && l.Contains(symbol, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Binance_AStaleSnapshotIsRetriedAndAGapResyncsThatSymbolAlone()
    {
        await using var run = await StartAsync("binance", [BtcUsdt, EthUsdt]);
        var venue = run.Hosted.Deployment.Venues.Single();
        var books = venue.Feed!.Books;
        await Eventually.TrueAsync(() => !books.IsStale(BtcUsdt) && !books.IsStale(EthUsdt) && books.Top(BtcUsdt) is not null, "both books good", 30_000);
        var sync = venue.Feed.RestSync!;
        var tooOld = sync.SnapshotsTooOld;
        var quality = new System.Collections.Concurrent.ConcurrentQueue<DataQualityEvent>();
        books.Quality += quality.Enqueue;

        Assert.True(venue.Simulator!.Inject(SimulatorFault.StaleSnapshot(BtcUsdt)));
        Assert.True(venue.Simulator.Inject(SimulatorFault.SkipSequence(BtcUsdt)));

        await Eventually.TrueAsync(() => sync.Gaps > 0, "the skipped update id seen as a gap", 30_000);
        await Eventually.TrueAsync(() => sync.SnapshotsTooOld > tooOld, "the stale snapshot refused as too old", 30_000);
        await Eventually.TrueAsync(() => !books.IsStale(BtcUsdt), "BTC/USDT synced again", 30_000);
        Assert.Contains(quality, e => e.Symbol == BtcUsdt && e.Kind == DataQualityKind.Stale);
        Assert.DoesNotContain(quality, e => e.Symbol == EthUsdt);
        Assert.False(books.IsStale(EthUsdt));
    }

    [Fact]
    public async Task Binance_ServerShutdown_TheSessionReportsItReconnectsResubscribesAndTheBooksResync()
    {
        await using var run = await StartAsync("binance", [BtcUsdt, EthUsdt]);
        var venue = run.Hosted.Deployment.Venues.Single();
        var session = venue.Session!;
        var books = venue.Feed!.Books;
        var sync = venue.Feed.RestSync!;
        var events = run.Hosted.Deployment.Hub.Events(run.Timeout.Token);
        await Eventually.TrueAsync(() => !books.IsStale(BtcUsdt) && !books.IsStale(EthUsdt) && books.Top(BtcUsdt) is not null, "both books good", 30_000);
        var (connections, reconnects, fetched) = (session.Counters.Connections, session.Counters.Reconnects, sync.SnapshotsFetched);
        var quality = new System.Collections.Concurrent.ConcurrentQueue<DataQualityEvent>();
        books.Quality += quality.Enqueue;

        Assert.True(venue.Simulator!.Inject(SimulatorFault.ServerShutdown()));

        // The event reaches the hub as a VenueStatus; the close that follows is a reconnect, every subscription is sent
        // again and both books are synced again from new snapshots.
        var status = await FirstAsync(events, e => e is VenueStatus { Status: "serverShutdown" }, run.Timeout.Token);
        Assert.False(((VenueStatus)status).IsOnline);
        await Eventually.TrueAsync(() => session.Counters.Reconnects > reconnects && session.Counters.Connections > connections, "reconnected after the shutdown", 30_000);
        await Eventually.TrueAsync(() => sync.SnapshotsFetched >= fetched + 2 && !books.IsStale(BtcUsdt) && !books.IsStale(EthUsdt), "both books synced again", 30_000);
        Assert.Contains(quality, e => e.Symbol == BtcUsdt && e.Kind == DataQualityKind.Stale);
        Assert.Contains(quality, e => e.Symbol == EthUsdt && e.Kind == DataQualityKind.Stale);
        Assert.Equal(0, session.Counters.RejectedSubscriptions);
    }

    [Fact]
    public async Task Binance_EightChannelsSubscribedAtOnce_StayWithinTheMessageLimitAndTheConnectionHolds()
    {
        // Eight subscribe messages on connect; the simulator disconnects a 6th message within a second.
        string[] channels = ["trades", "ticker", VenueYaml.Book(10), VenueYaml.Ohlc("1m"), VenueYaml.Ohlc("5m"), VenueYaml.Ohlc("15m"), VenueYaml.Ohlc("1h"), VenueYaml.Ohlc("1d")];
        await using var run = await StartAsync("binance", [BtcUsdt, EthUsdt], channels);
        var venue = run.Hosted.Deployment.Venues.Single();
        var session = venue.Session!;
        var books = venue.Feed!.Books;
        await Eventually.TrueAsync(() => !books.IsStale(BtcUsdt) && !books.IsStale(EthUsdt), "both books good", 30_000);
        await Eventually.TrueAsync(() => session.State.Phase == Fluxum.Sdk.Sessions.SessionPhase.Ready, "every subscription acknowledged", 30_000);

        // Past the second in which the last subscribes went out, the connection is still the first one.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, session.Counters.Connections);
        Assert.Equal(0, session.Counters.Reconnects);
        Assert.Equal(0, session.Counters.RejectedSubscriptions);
        Assert.True(session.Counters.PacedSends >= 2, $"paced {session.Counters.PacedSends}");
    }

    [Fact]
    public async Task Coinbase_ASkippedSequenceNumberResubscribesAndTheBooksComeBack()
    {
        await using var run = await StartAsync("coinbase", [BtcUsd, EthUsd]);
        var venue = run.Hosted.Deployment.Venues.Single();
        var books = venue.Feed!.Books;
        await Eventually.TrueAsync(() => !books.IsStale(BtcUsd) && !books.IsStale(EthUsd) && books.Top(BtcUsd) is not null, "both books good", 30_000);
        var snapshots = books.Counters.Snapshots;
        var quality = new System.Collections.Concurrent.ConcurrentQueue<DataQualityEvent>();
        books.Quality += quality.Enqueue;

        Assert.True(venue.Simulator!.Inject(SimulatorFault.SkipSequence(BtcUsd)));

        await Eventually.TrueAsync(() => venue.Session!.Counters.SequenceGaps > 0, "the skipped sequence_num seen as a gap", 30_000);
        await Eventually.TrueAsync(() => books.Counters.Snapshots >= snapshots + 2 && !books.IsStale(BtcUsd) && !books.IsStale(EthUsd), "fresh snapshots after resubscribing", 30_000);
        Assert.Contains(quality, e => e.Kind == DataQualityKind.Stale && e.Symbol == BtcUsd);
        Assert.Contains(quality, e => e.Kind == DataQualityKind.Stale && e.Symbol == EthUsd);
    }

    private static string Host => typeof(Fluxum.Host.Plugins.PluginCatalog).Assembly.Location;

    [GeneratedRegex("<ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();

    private static async Task<MarketEvent> FirstAsync(IAsyncEnumerable<MarketEvent> events, Func<MarketEvent, bool> wanted, CancellationToken cancellationToken)
    {
        await foreach (var marketEvent in events.WithCancellation(cancellationToken))
        {
            if (wanted(marketEvent))
            {
                return marketEvent;
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }

    private async Task<Started> StartAsync(string plugin, Symbol[] symbols, string[]? channels = null)
    {
        var config = Path.Combine(plugins.Work, $"{plugin}-{Guid.NewGuid():N}.yaml");
        var venue = VenueYaml.Simulated(plugin, seed: 5).Subscribe([.. symbols.Select(s => s.ToString())], channels ?? ["trades", VenueYaml.Book(10)]);
        await File.WriteAllTextAsync(config, ConfigYaml.Create([plugins.Directory], [venue]).ToString());
        var loaded = LoadedConfig.Load(config, ConfigLoadOptions.Default, TextWriter.Null) ?? throw new InvalidOperationException("config did not load");
        var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var hosted = await HostedDeployment.StartAsync(loaded, p => [.. loaded.Config.Venues.Select(v => p.Plan(v))], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System, TextWriter.Null, timeout.Token)
            ?? throw new InvalidOperationException("no venue started");
        return new Started(loaded, hosted, timeout);
    }

    private sealed record Started(LoadedConfig Loaded, HostedDeployment Hosted, CancellationTokenSource Timeout) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Hosted.DisposeAsync();
            Loaded.Dispose();
            Timeout.Dispose();
        }
    }

    /// <summary>Packs the SDK, builds and tests every plugin solution under <c>plugins/</c>, and gathers their drop-in folders.</summary>
    public sealed class Plugins : IAsyncLifetime
    {
        private readonly DirectoryInfo _work = System.IO.Directory.CreateTempSubdirectory("fluxum-external-");

        public string Work => _work.FullName;

        /// <summary>The temporary plugin directory: the drop-in folders of the external plugins.</summary>
        public string Directory => Path.Combine(Work, "plugins");

        /// <summary>The deployment: the four venues, and the best-bid-offer script over BTC/USD.</summary>
        public string Config => Path.Combine(Work, "fluxum.yaml");

        /// <summary>Each solution's <c>dotnet test</c> output, by plugin name.</summary>
        public Dictionary<string, string> Solutions { get; } = [];

        public async Task InitializeAsync()
        {
            await ExternalBuild.EnsureSdkPackedAsync();
            System.IO.Directory.CreateDirectory(Directory);
            foreach (var solution in System.IO.Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "plugins"), "*.slnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var folder = Path.GetDirectoryName(solution)!;
                if (folder.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var name = Path.GetFileNameWithoutExtension(solution);
                Solutions[name] = await ExternalBuild.RunAsync(folder, "dotnet", "test", solution, "-nologo");
                var drop = Path.Combine(folder, "artifacts", "plugins", name);
                Copy(drop, Path.Combine(Directory, name));
            }

            var repositoryPlugins = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "plugins");
            var script = Path.Combine(TestPaths.RepositoryRoot, "scripts", "best-bid-offer.csx");
            string[] channels = ["ticker", "trades", VenueYaml.Book(10)];
            var config = new ConfigYaml([Directory, repositoryPlugins])
            {
                Venues =
                [
                    VenueYaml.Simulated("kraken", seed: 42, tick: "100ms").Subscribe(["BTC/USD", "ETH/USD"], channels),
                    VenueYaml.Simulated("gemini", seed: 7, tick: "100ms").With("api: ws").Subscribe(["BTC/USD", "ETH/USD"], channels),
                    VenueYaml.Simulated("coinbase", seed: 11, tick: "100ms").Subscribe(["BTC/USD", "ETH/USD"], channels),
                    VenueYaml.Simulated("binance", seed: 13, tick: "100ms").Subscribe(["BTC/USDT", "ETH/USDT"], channels),
                ],
                Scripts = [$"{{ path: {script}, args: [BTC/USD, forever, 60s, USDT] }}"],
                Logging = ConfigYaml.LoggingAt("warning"),
            };
            await File.WriteAllTextAsync(Config, config.ToString());
        }

        public Task DisposeAsync()
        {
            _work.Delete(recursive: true);
            return Task.CompletedTask;
        }

        private static void Copy(string from, string to)
        {
            Assert.True(System.IO.Directory.Exists(from), $"no drop-in folder at {from}");
            foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }
}
