using Fluxum.Host.Configuration;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Tests.Configuration;

public sealed class ConfigLoaderValidTests : IDisposable
{
    private const string FullConfig = """
        plugin_dirs: [plugins, /opt/fluxum/plugins]
        venues:
          kraken:
            plugin: kraken
            mode: live
            api: v2
            settings: { region: eu }
            endpoints: { ws: "wss://ws.example.test/v2" }
            credentials: { api_key_env: KRAKEN_API_KEY, api_secret_env: KRAKEN_API_SECRET }
            record: captures/kraken.jsonl
            subscriptions:
              - symbols: [BTC/USD, ETH/USD]
                channels: [ticker, trades, { channel: book, depth: 10 }, { channel: ohlc, interval: 5m }]
          gemini:
            plugin: gemini
            mode: replay
            replay: { file: frames.jsonl, pace: recorded }
            subscriptions:
              - symbols: [BTC/USD]
                channels: [book]
          sim:
            plugin: gemini
            mode: simulated
            simulator: { port: 9000, seed: 42, tick: 250ms }
            subscriptions:
              - symbols: [ETH/USD]
                channels: [ticker]
        books:
          - venues: [kraken]
            symbols: [BTC/USD, ETH/USD]
          - venue: gemini
            symbols: [BTC/USD]
            depth: 25
        scripts:
          - scripts/a.csx
          - { path: scripts/b.csx, args: [--fast, "2"] }
        reconnect: { max_attempts: 5, initial_backoff: 500ms, max_backoff: 1m, multiplier: 1.5, jitter: 10%, watchdog: 45s }
        logging: { level: debug, categories: { Fluxum.Host.Sessions: trace, System: warn } }
        """;

    private readonly ConfigTestFile _file = new();

    public ConfigLoaderValidTests()
    {
        _file.Environment["KRAKEN_API_KEY"] = "key-value";
        _file.Environment["KRAKEN_API_SECRET"] = "secret-value";
        _file.Write("frames.jsonl", "{}\n");
        _file.Write("scripts/a.csx", "1");
        _file.Write("scripts/b.csx", "2");
    }

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Parse_FullValidFile_ProducesModelWithoutErrors()
    {
        var result = _file.Parse(FullConfig);

        Assert.Empty(ConfigTestFile.Messages(result));
        Assert.Empty(result.Warnings);
        var config = result.GetValidConfig();
        Assert.Equal([Path.Combine(_file.Directory, "plugins"), "/opt/fluxum/plugins"], config.PluginDirs);
        Assert.Equal(["kraken", "gemini", "sim"], config.Venues.Select(v => v.Name));
    }

    [Fact]
    public void Parse_FullValidFile_VenueRoundTrips()
    {
        var kraken = _file.Parse(FullConfig).GetValidConfig().Venue("kraken")!;

        Assert.Equal(("kraken", VenueMode.Live), (kraken.Plugin, kraken.Mode));
        Assert.Equal(new Dictionary<string, string> { ["region"] = "eu", ["api"] = "v2" }, kraken.Settings);
        Assert.Equal(new Uri("wss://ws.example.test/v2"), kraken.Endpoints["ws"]);
        Assert.Equal(new CredentialsConfig("KRAKEN_API_KEY", "KRAKEN_API_SECRET", null), kraken.Credentials);
        Assert.Equal(Path.Combine(_file.Directory, "captures", "kraken.jsonl"), kraken.RecordPath);
        var btcEth = new[] { Symbol.Parse("BTC/USD"), Symbol.Parse("ETH/USD") };
        Assert.Equal(
            [
                new Subscription(MarketChannel.Ticker, btcEth),
                new Subscription(MarketChannel.Trades, btcEth),
                new Subscription(MarketChannel.Book(10), btcEth),
                new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(5)), btcEth),
            ],
            kraken.Subscriptions);
        var credentials = kraken.Credentials!.Resolve(n => _file.Environment.GetValueOrDefault(n));
        Assert.Equal(("key-value", "secret-value"), (credentials.ApiKey, credentials.ApiSecret));
    }

    [Fact]
    public void Parse_FullValidFile_ReplaySimulatorBooksScriptsRoundTrip()
    {
        var config = _file.Parse(FullConfig).GetValidConfig();

        Assert.Equal(new ReplayConfig(Path.Combine(_file.Directory, "frames.jsonl"), ReplayPace.Recorded), config.Venue("gemini")!.Replay);
        Assert.Equal(new SimulatorConfig(9000, 42, TimeSpan.FromMilliseconds(250)), config.Venue("sim")!.Simulator);
        Assert.Equal(
            [
                new BookConfig("kraken", Symbol.Parse("BTC/USD"), 10),
                new BookConfig("kraken", Symbol.Parse("ETH/USD"), 10),
                new BookConfig("gemini", Symbol.Parse("BTC/USD"), 25),
            ],
            config.Books);
        Assert.Equal(Path.Combine(_file.Directory, "scripts", "a.csx"), config.Scripts[0].Path);
        Assert.Equal(["--fast", "2"], config.Scripts[1].Args);
    }

    [Fact]
    public void Parse_FullValidFile_ReconnectAndLoggingRoundTrip()
    {
        var config = _file.Parse(FullConfig).GetValidConfig();

        var r = config.Reconnect;
        Assert.Equal(
            (5, TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1), 1.5, 0.1, TimeSpan.FromSeconds(45)),
            (r.MaxAttempts, r.InitialBackoff, r.MaxBackoff, r.Multiplier, r.Jitter, r.WatchdogTimeout));
        Assert.Equal(LogLevel.Debug, config.Logging.Level);
        Assert.Equal(new Dictionary<string, LogLevel> { ["Fluxum.Host.Sessions"] = LogLevel.Trace, ["System"] = LogLevel.Warning }, config.Logging.Categories);
        Assert.Equal(new ConfigLocation(4, 13), config.Locations["venues.kraken.plugin"]);
    }

    [Fact]
    public void Parse_MissingOptionalSections_UsesDefaults()
    {
        var config = _file.Parse("plugin_dirs: [p]\nvenues:\n  k:\n    mode: simulated\n").GetValidConfig();

        var venue = Assert.Single(config.Venues);
        Assert.Equal("k", venue.Plugin);
        Assert.Equal(SimulatorConfig.Default, venue.Simulator);
        Assert.Same(Sdk.Sessions.ReconnectPolicy.Default, config.Reconnect);
        Assert.Same(LoggingConfig.Default, config.Logging);
        Assert.Equal(LogFormat.Text, config.Logging.Format);
    }

    [Theory]
    [InlineData("json", nameof(LogFormat.Json))]
    [InlineData("JSON", nameof(LogFormat.Json))]
    [InlineData("text", nameof(LogFormat.Text))]
    public void Parse_LoggingFormat_Read(string written, string expected)
    {
        var config = _file.Parse($"plugin_dirs: [p]\nlogging: {{ level: warning, format: {written} }}\n").GetValidConfig();

        Assert.Equal((Enum.Parse<LogFormat>(expected), LogLevel.Warning), (config.Logging.Format, config.Logging.Level));
    }

    [Fact]
    public void Parse_LoggingWithoutFormat_IsText()
    {
        var config = _file.Parse("plugin_dirs: [p]\nlogging: { level: debug }\n").GetValidConfig();

        Assert.Equal(LogFormat.Text, config.Logging.Format);
    }

    [Fact]
    public void Load_RepositoryFluxumYaml_IsValidApartFromPlugins()
    {
        var result = ConfigLoader.Load(Path.Combine(TestPaths.RepositoryRoot, "fluxum.yaml"));

        Assert.Empty(ConfigTestFile.Messages(result));
        var config = result.GetValidConfig();
        Assert.Equal([Path.Combine(TestPaths.RepositoryRoot, "artifacts", "plugins")], config.PluginDirs);
        Assert.All(config.Venues, v => Assert.Equal(VenueMode.Simulated, v.Mode));
        Assert.Equal(["kraken", "gemini"], config.Venues.Select(v => v.Plugin));
        Assert.Equal(4, config.Books.Count);
        Assert.Equal(Path.Combine(TestPaths.RepositoryRoot, "scripts", "best-bid-offer.csx"), Assert.Single(config.Scripts).Path);
    }
}
