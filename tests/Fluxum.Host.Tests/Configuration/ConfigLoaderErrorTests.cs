using Fluxum.Host.Configuration;

namespace Fluxum.Host.Tests.Configuration;

public sealed class ConfigLoaderErrorTests : IDisposable
{
    private readonly ConfigTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Parse_UnknownKey_NamesKeyAndExpectedKeys()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                modee: live
            """);

        Assert.Equal(
            ["fluxum.yaml:5:5: venues.kraken.modee: unknown key 'modee'; expected one of plugin, mode, api, instruments, settings, endpoints, credentials, replay, record, simulator, subscriptions, relay"],
            ConfigTestFile.Messages(result));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_Reported()
    {
        var result = _file.Parse("plugin_dirs: [p]\nvenue: {}\n");

        Assert.Equal(
            ["fluxum.yaml:2:1: venue: unknown key 'venue'; expected one of plugin_dirs, venues, books, scripts, reconnect, logging, admin, telemetry, ledger, publish"],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_DuplicateKey_NamesFirstLine()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                plugin: kraken
                mode: live
            """);

        Assert.Equal(["fluxum.yaml:6:5: venues.kraken.mode: duplicate key 'mode' (first defined at line 4)"], ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_WrongTypes_SayWhatIsExpected()
    {
        var result = _file.Parse("""
            plugin_dirs: p
            venues:
              kraken:
                mode: simulated
                simulator: { port: abc }
                subscriptions: ticker
            reconnect: [1, 2]
            """);

        Assert.Equal(
            [
                "fluxum.yaml:1:14: plugin_dirs: expected a list of folders, found a scalar",
                "fluxum.yaml:5:24: venues.kraken.simulator.port: expected a whole number, found 'abc'",
                "fluxum.yaml:6:20: venues.kraken.subscriptions: expected a list of {symbols, channels}, found a scalar",
                "fluxum.yaml:7:12: reconnect: expected a mapping with keys max_attempts, initial_backoff, max_backoff, multiplier, jitter, watchdog; found a list",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_UnknownChannel_ListsChannels()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                subscriptions:
                  - symbols: [BTC/USD]
                    channels: [ticker, tickr, { channel: bok, depth: 5 }]
            """);

        Assert.Equal(
            [
                "fluxum.yaml:7:28: venues.kraken.subscriptions[0].channels[1]: unknown channel 'tickr'; expected one of ticker, trades, ohlc, book",
                "fluxum.yaml:7:46: venues.kraken.subscriptions[0].channels[2].channel: unknown channel 'bok'; expected one of ticker, trades, ohlc, book",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_BadDurationsAndIntervals_Reported()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                subscriptions:
                  - symbols: [BTC/USD]
                    channels: [{ channel: ohlc, interval: 1 minute }, ohlc]
            reconnect:
              initial_backoff: 5 sec
              watchdog: -3s
            """);

        Assert.Equal(
            [
                "fluxum.yaml:7:47: venues.kraken.subscriptions[0].channels[0].interval: '1 minute' is not a duration; expected a number and a unit (ms, s, m, h, d, w), for example 30s or 1m",
                "fluxum.yaml:7:59: venues.kraken.subscriptions[0].channels[1]: ohlc needs an interval; write { channel: ohlc, interval: 1m }",
                "fluxum.yaml:9:20: reconnect.initial_backoff: '5 sec' is not a duration; expected a number and a unit (ms, s, m, h, d, w), for example 30s or 1m",
                "fluxum.yaml:10:13: reconnect.watchdog: '-3s' is not a duration; expected a number and a unit (ms, s, m, h, d, w), for example 30s or 1m",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_BadSymbols_Reported()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                subscriptions:
                  - symbols: [BTCUSD, ETH/USD, ETH/USD]
                    channels: [ticker]
            """);

        Assert.Equal(
            [
                "fluxum.yaml:6:19: venues.kraken.subscriptions[0].symbols[0]: 'BTCUSD' is not a symbol; expected BASE/QUOTE, for example BTC/USD",
                "fluxum.yaml:6:36: venues.kraken.subscriptions[0].symbols[2]: ETH/USD is listed twice",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_BadModeAndMissingMode_Reported()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: paper
              gemini:
                plugin: gemini
            """);

        Assert.Equal(
            [
                "fluxum.yaml:4:11: venues.kraken.mode: unknown mode 'paper'; expected one of live, simulated, replay",
                "fluxum.yaml:6:5: venues.gemini: missing required key 'mode' (live, simulated, replay or relay)",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_InlineSecrets_RefusedWithoutEchoingValue()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                api_secret: s3cr3tInline
                settings: { token: t0kenValue }
                credentials:
                  api_key_env: KRAKEN_API_KEY
                  api_secret_env: "kP9x+Zq7Lm2Wv8Rt5Yb3Nc6Hd4Jf1Gs0=="
                  api_secret: abcdefSecret
            """);

        var messages = ConfigTestFile.Messages(result);
        Assert.Equal(
            [
                "fluxum.yaml:5:5: venues.kraken.api_secret: inline secret 'api_secret' is not allowed: put the value in an environment variable and name that variable under credentials (api_key_env, api_secret_env, passphrase_env)",
                "fluxum.yaml:6:17: venues.kraken.settings.token: inline secret 'token' is not allowed: put the value in an environment variable and name that variable under credentials (api_key_env, api_secret_env, passphrase_env)",
                "fluxum.yaml:9:23: venues.kraken.credentials.api_secret_env: this looks like a secret, not an environment variable name; secrets never go in the config file: set an environment variable and write its name here",
                "fluxum.yaml:10:7: venues.kraken.credentials.api_secret: inline secret 'api_secret' is not allowed: put the value in an environment variable and name that variable under credentials (api_key_env, api_secret_env, passphrase_env)",
            ],
            messages);
        Assert.All(messages, m => Assert.DoesNotContain("s3cr3t", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("kP9x", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("abcdef", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("t0ken", m, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LiveVenueWithUnsetVariable_NamesVariableOnly()
    {
        _file.Environment["KRAKEN_API_KEY"] = "the-key-value";
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: live
                credentials: { api_key_env: KRAKEN_API_KEY, api_secret_env: KRAKEN_API_SECRET }
            """);

        var message = Assert.Single(ConfigTestFile.Messages(result));
        Assert.Equal(
            "fluxum.yaml:5:65: venues.kraken.credentials.api_secret_env: environment variable KRAKEN_API_SECRET is not set (needed for this live venue's credentials)",
            message);
        Assert.DoesNotContain("the-key-value", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SimulatedVenueWithUnsetVariable_IsFine()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                credentials: { api_key_env: KRAKEN_API_KEY, api_secret_env: KRAKEN_API_SECRET }
            """);

        Assert.Empty(ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Load_MissingFile_NamesFileAndWhereItLooked()
    {
        var path = Path.Combine(_file.Directory, "nope.yaml");

        var result = ConfigLoader.Load(path);

        Assert.Null(result.Config);
        Assert.Equal([$"{path}: configuration file not found (looked for {path}); pass --config PATH or run from the folder holding fluxum.yaml"], ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_YamlSyntaxError_HasLineAndColumn()
    {
        var result = _file.Parse("plugin_dirs: [p]\nvenues:\n  kraken: { mode: live\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("fluxum.yaml", 4, 1), (error.File, error.Line, error.Column));
        Assert.StartsWith("fluxum.yaml:4:1: YAML syntax error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Null(result.Config);
    }

    [Fact]
    public void Parse_EmptyFile_SaysWhatIsExpected()
    {
        var result = _file.Parse("");

        Assert.Equal(["fluxum.yaml:1:1: the file is empty; expected a mapping with venues, plugin_dirs, ..."], ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_ManyMistakes_AllReportedInFileOrder()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                colour: blue
                subscriptions:
                  - symbols: [BTC-USD]
                    channels: [candles]
            books:
              - venues: [krakn]
                symbols: [BTC/USD]
            reconnect: { max_attempts: many }
            """);

        Assert.Equal([5, 7, 8, 10, 12], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Parse_BookWithoutBookSubscription_Reported()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: simulated
                subscriptions:
                  - symbols: [BTC/USD]
                    channels: [{ channel: book, depth: 10 }]
            books:
              - venue: kraken
                symbols: [ETH/USD, BTC/USD]
                depth: 50
            """);

        Assert.Equal(
            [
                "fluxum.yaml:9:5: books[0].symbols: venue kraken does not subscribe the book channel for ETH/USD; add it to venues.kraken.subscriptions",
                "fluxum.yaml:11:12: books[0].depth: depth 50 is deeper than venue kraken subscribes for BTC/USD (10)",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_UnknownLogFormat_NamesPathLineAndExpectedFormats()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            logging:
              level: information
              format: xml
            """);

        Assert.Equal(["fluxum.yaml:4:11: logging.format: unknown log format 'xml'; expected one of text, json"], ConfigTestFile.Messages(result));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_LogFormatNotAScalar_Reported()
    {
        var result = _file.Parse("plugin_dirs: [p]\nlogging: { format: [json] }\n");

        Assert.Equal(["fluxum.yaml:2:20: logging.format: expected a single value, found a list"], ConfigTestFile.Messages(result));
    }
}
