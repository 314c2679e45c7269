using System.Globalization;
using System.Text;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Benchmarks.EndToEnd;

/// <summary>
/// The full path in this process: a real <c>fluxum.yaml</c> with live Kraken venues pointed at the load simulator,
/// the plugin loaded from <c>artifacts/plugins</c>, sessions over loopback WebSockets, decode, the checked books,
/// the hub, and a consumer subscribed to the hub's tickers, trades and book snapshots (what a script's
/// <c>Market</c> streams read). One venue per connection. A frame counts once its event reaches the consumer.
/// </summary>
internal static class HostPathRun
{
    public static async Task<EndToEndResult> RunAsync(LoadSimulator simulator, string repositoryRoot, IReadOnlyList<string> symbols, int connections, TimeSpan idle, TimeSpan limit, TextWriter progress)
    {
        var folder = Directory.CreateTempSubdirectory("fluxum-e2e-");
        try
        {
            var configPath = Path.Combine(folder.FullName, "fluxum.yaml");
            await File.WriteAllTextAsync(configPath, Config(simulator, repositoryRoot, symbols, connections)).ConfigureAwait(false);
            using var loaded = LoadedConfig.Load(configPath, ConfigLoadOptions.Default, progress)
                ?? throw new InvalidOperationException($"the benchmark's config did not load: {configPath}");
            using var stop = new CancellationTokenSource();
            await using var hosted = await HostedDeployment.StartAsync(
                loaded,
                p => [.. loaded.Config.Venues.Select(v => p.Plan(v))],
                DeploymentOptions.Default,
                NullLoggerFactory.Instance,
                TimeProvider.System,
                progress,
                stop.Token).ConfigureAwait(false) ?? throw new InvalidOperationException("no venue started");
            var hub = hosted.Deployment.Hub;
            var meter = new LoadMeter(simulator.Messages * connections);
            var from = new Since();
            var consumers = new[]
            {
                Task.Run(() => ConsumeAsync(hub.Tickers(cancellationToken: stop.Token), meter, from)),
                Task.Run(() => ConsumeAsync(hub.Trades(cancellationToken: stop.Token), meter, from)),
                Task.Run(() => ConsumeAsync(hub.BookSnapshots(cancellationToken: stop.Token), meter, from)),
                Task.Run(() => QualityAsync(hub.DataQuality(stop.Token), meter, from)),
            };

            // Books good (snapshots applied and checked) before the load starts: from here, every event is a load frame's.
            var ready = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
            var symbolsParsed = symbols.Select(Symbol.Parse).ToArray();
            while (!hosted.Deployment.Venues.All(v => v.Feed is { } feed && symbolsParsed.All(s => feed.Books.Snapshot(s) is { IsStale: false })))
            {
                if (DateTimeOffset.UtcNow > ready)
                {
                    throw new InvalidOperationException("the books never became good: " + Describe(hosted.Deployment));
                }

                await Task.Delay(10).ConfigureAwait(false);
            }

            var superseded = hub.Counters.Superseded;
            var dropped = hub.Counters.Dropped;
            var reconnects = Reconnects(hosted.Deployment);
            from.Set(DateTimeOffset.UtcNow);
            await WaitAsync(meter, idle, limit).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(consumers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var result = meter.Result("fluxum host: session, decode, book, hub, consumer", simulator.Rate, connections) with
            {
                Superseded = hub.Counters.Superseded - superseded,
                Dropped = hub.Counters.Dropped - dropped,
                Reconnects = Reconnects(hosted.Deployment) - reconnects,
            };
            if (result.Loss != 0 || result.QualityEvents != 0)
            {
                await progress.WriteLineAsync($"  host path: {Describe(hosted.Deployment)}").ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Waits until every expected frame arrived, none came for <paramref name="idle"/> (after the settle time), or the
    /// run took <paramref name="limit"/> (a path that cannot keep up and reconnects gets fresh loads, without end).
    /// </summary>
    public static async Task WaitAsync(LoadMeter meter, TimeSpan idle, TimeSpan limit)
    {
        var seen = meter.Count;
        var lastProgress = DateTimeOffset.UtcNow + LoadSimulator.Settle;
        var end = DateTimeOffset.UtcNow + LoadSimulator.Settle + limit;
        while (!meter.Complete && DateTimeOffset.UtcNow < end)
        {
            await Task.Delay(50).ConfigureAwait(false);
            var now = meter.Count;
            if (now != seen)
            {
                seen = now;
                lastProgress = DateTimeOffset.UtcNow;
            }
            else if (DateTimeOffset.UtcNow - lastProgress > idle)
            {
                return;
            }
        }
    }

    private static async Task ConsumeAsync<T>(IAsyncEnumerable<T> stream, LoadMeter meter, Since from)
        where T : MarketEvent
    {
        var histogram = meter.NewHistogram();
        try
        {
            await foreach (var e in stream.ConfigureAwait(false))
            {
                if (e.ExchangeTime is { } sent && from.Includes(sent))
                {
                    meter.Record(histogram, sent);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static async Task QualityAsync(IAsyncEnumerable<DataQualityEvent> stream, LoadMeter meter, Since from)
    {
        try
        {
            await foreach (var e in stream.ConfigureAwait(false))
            {
                if (from.Includes(e.ReceivedAt))
                {
                    meter.Quality();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static long Reconnects(Deployment deployment) => deployment.Venues.Sum(v => v.Session?.Counters.Reconnects ?? 0);

    private static string Describe(Deployment deployment) => string.Join("; ", deployment.Venues.Select(v =>
        $"{v.Context.Venue}: state {v.Session?.State}, reconnects {v.Session?.Counters.Reconnects}, frames {v.Feed?.Counters.Frames}, malformed {v.Feed?.Counters.MalformedFrames}, decoder faults {v.Feed?.Counters.DecoderFaults}, checksum failures {v.Feed?.Books.Counters.ChecksumFailures}"));

    private static string Config(LoadSimulator simulator, string repositoryRoot, IReadOnlyList<string> symbols, int connections)
    {
        var text = new StringBuilder();
        text.AppendLine("plugin_dirs:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  - \"{Path.Combine(repositoryRoot, "artifacts", "plugins")}\"");
        text.AppendLine("venues:");
        var names = Enumerable.Range(1, connections).Select(i => connections == 1 ? "kraken" : $"kraken{i}").ToList();
        foreach (var name in names)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name}:");
            text.AppendLine("    plugin: kraken");
            text.AppendLine("    mode: live");
            text.AppendLine(CultureInfo.InvariantCulture, $"    endpoints: {{ ws: \"{simulator.WebSocket}\", ws_auth: \"ws://127.0.0.1:{simulator.Port}/auth/v2\", rest: \"{simulator.Rest}\" }}");
            text.AppendLine("    subscriptions:");
            text.AppendLine(CultureInfo.InvariantCulture, $"      - symbols: [{string.Join(", ", symbols)}]");
            text.AppendLine("        channels: [ticker, trades, { channel: book, depth: 10 }]");
        }

        text.AppendLine("books:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  - venues: [{string.Join(", ", names)}]");
        text.AppendLine(CultureInfo.InvariantCulture, $"    symbols: [{string.Join(", ", symbols)}]");
        text.AppendLine("    depth: 10");
        text.AppendLine("logging: { level: warning }");
        return text.ToString();
    }

    /// <summary>The moment from which events count (none before it is set).</summary>
    private sealed class Since
    {
        private long _ticks = long.MaxValue;

        public void Set(DateTimeOffset time) => Volatile.Write(ref _ticks, time.UtcTicks);

        public bool Includes(DateTimeOffset time) => time.UtcTicks >= Volatile.Read(ref _ticks);
    }
}
