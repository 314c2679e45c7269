using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.EndToEnd;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Relay;

/// <summary>
/// A real in-process deployment for the NATS tests, from config text: A (simulated Kraken and Gemini publishing) or
/// B (the same venues in <c>mode: relay</c>). Disposed, it stops everything.
/// </summary>
internal sealed class RelayDeployment : IAsyncDisposable
{
    /// <summary>Every instrument each simulator trades (the whole list: "every symbol").</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Instruments = new Dictionary<string, string[]>
    {
        ["kraken"] = ["BTC/USD", "ETH/USD", "SOL/USD", "XRP/USD", "BTC/EUR", "ETH/BTC"],
        ["gemini"] = ["BTC/USD", "ETH/USD", "SOL/USD", "BTC/EUR", "ETH/BTC"],
    };

    private readonly TempDirectory _folder;
    private readonly LoadedConfig _loaded;

    private RelayDeployment(TempDirectory folder, LoadedConfig loaded, HostedDeployment hosted)
    {
        _folder = folder;
        _loaded = loaded;
        Hosted = hosted;
    }

    public HostedDeployment Hosted { get; }

    public Deployment Deployment => Hosted.Deployment;

    public VenueRuntime Venue(string name) => Deployment.Venues.Single(v => v.Venue == name);

    public BookManager Books(string venue) => Venue(venue).Feed!.Books;

    /// <summary>A's config: simulated Kraken and Gemini (every instrument, trades and depth-10 books) publishing to <paramref name="url"/>.</summary>
    public static string SourceYaml(string url, string stream, string extra = "", string tick = "50ms") => $$"""
        plugin_dirs:
          - {{CliHarness.PluginDirectory}}
        venues:
          kraken:
            mode: simulated
            simulator: { seed: 11, tick: {{tick}} }
            subscriptions:
              - symbols: [{{string.Join(", ", Instruments["kraken"])}}]
                channels: [trades, ticker, { channel: book, depth: 10 }]
          gemini:
            mode: simulated
            simulator: { seed: 12, tick: {{tick}} }
            subscriptions:
              - symbols: [{{string.Join(", ", Instruments["gemini"])}}]
                channels: [trades, { channel: book, depth: 10 }]
        publish: { nats: { url: "{{url}}", stream: {{stream}}, subject_prefix: {{stream.ToLowerInvariant()}}, snapshot_interval: 1s, max_age: 10m{{extra}} } }
        logging: { level: warning }
        """;

    /// <summary>B's config: both venues relayed from <paramref name="url"/>.</summary>
    public static string RelayYaml(string url, string stream, string scripts = "") => $$"""
        plugin_dirs:
          - {{CliHarness.PluginDirectory}}
        venues:
          kraken:
            mode: relay
            relay: { nats: { url: "{{url}}", stream: {{stream}}, subject_prefix: {{stream.ToLowerInvariant()}} }, venue: kraken }
          gemini:
            mode: relay
            relay: { nats: { url: "{{url}}", stream: {{stream}}, subject_prefix: {{stream.ToLowerInvariant()}} }, venue: gemini }
        {{scripts}}
        logging: { level: warning }
        """;

    public static async Task<RelayDeployment> StartAsync(string yaml, ILoggerFactory? loggers = null)
    {
        var folder = new TempDirectory();
        var path = folder.Write("fluxum.yaml", yaml);
        var loaded = LoadedConfig.Load(path, ConfigLoadOptions.Default, TextWriter.Null) ?? throw new InvalidOperationException($"config did not load:\n{yaml}");
        var error = new StringWriter();
        var hosted = await HostedDeployment.StartAsync(
            loaded,
            p => [.. loaded.Config.Venues.Select(v => p.Plan(v))],
            DeploymentOptions.Default,
            loggers ?? NullLoggerFactory.Instance,
            TimeProvider.System,
            error,
            CancellationToken.None) ?? throw new InvalidOperationException($"no venue started: {error}");
        return new RelayDeployment(folder, loaded, hosted);
    }

    /// <summary>Waits (30 s at most: loaded machines) until every instrument's book of every venue is good.</summary>
    public Task WaitForGoodBooksAsync(int timeoutMs = 30_000) =>
        Eventually.TrueAsync(
            () => Instruments.All(v => v.Value.All(s => Books(v.Key).Snapshot(Symbol.Parse(s)) is { IsStale: false })),
            "every book good", timeoutMs, Describe);

    public string Describe() => string.Join("; ", Deployment.Venues.Select(v =>
        $"{v.Venue} {v.Status} {v.Fault?.Message} frames {v.Feed?.Counters.Frames} gaps {v.Feed?.Books.Counters.Gaps} " +
        string.Join(",", v.Feed?.Books.Symbols.Select(s => $"{s}:{(v.Feed.Books.IsStale(s) ? "stale" : "good")}@{v.Feed.Books.Snapshot(s)?.Sequence}") ?? [])));

    public async ValueTask DisposeAsync()
    {
        await Hosted.DisposeAsync();
        _loaded.Dispose();
        _folder.Dispose();
    }
}
