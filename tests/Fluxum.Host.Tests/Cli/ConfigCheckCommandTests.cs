using System.Text.Json;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.Cli;

public sealed class ConfigCheckCommandTests : IDisposable
{
    /// <summary>A valid config: venue g on the good test plugin, two symbols, ticker and trades.</summary>
    private static readonly ConfigYaml GoodVenue = new(["plugins"])
    {
        Venues = [VenueYaml.Live("g").Subscribe(["BTC/USD", "ETH/USD"], "ticker", "trades") with { Plugin = "good" }],
    };

    private readonly TempDirectory _temp = new();
    private readonly CliHarness _cli = new();

    public ConfigCheckCommandTests() => _temp.AddPlugin("Good");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ConfigCheck_ValidFile_ExitsZeroWithSummary()
    {
        var config = _temp.Write("fluxum.yaml", GoodVenue.ToString());

        var exit = await _cli.RunAsync("config", "check", "--config", config);

        Assert.Equal(0, exit);
        Assert.Equal("", _cli.ErrorText);
        Assert.Contains(": valid", _cli.ConsoleText, StringComparison.Ordinal);
        Assert.Contains("venue g: plugin good 1.2.3, mode live, 2 symbol(s), channels ticker, trades", _cli.ConsoleText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_InvalidFile_ExitsOneWithEveryError()
    {
        var config = _temp.Write("fluxum.yaml", """
            plugin_dirs: [plugins]
            venues:
              g:
                plugin: nope
                mode: live
                subscriptions:
                  - symbols: [BTCUSD]
                    channels: [tickr]
            """);

        var exit = await _cli.RunAsync("config", "check", "--config", config);

        Assert.Equal(1, exit);
        var lines = _cli.ErrorText.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("fluxum.yaml:4:13: venues.g.plugin: plugin 'nope' not found in", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("fluxum.yaml:7:19: venues.g.subscriptions[0].symbols[0]: 'BTCUSD' is not a symbol; expected BASE/QUOTE, for example BTC/USD", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("fluxum.yaml:8:20: venues.g.subscriptions[0].channels[0]: unknown channel 'tickr'; expected one of ticker, trades, ohlc, book", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("fluxum.yaml: 3 error(s)", lines[3], StringComparison.Ordinal);
        Assert.Equal("", _cli.ConsoleText);
    }

    [Fact]
    public async Task ConfigCheck_MissingPlugin_ExitsOneNamingPluginLine()
    {
        var config = _temp.Write("fluxum.yaml", "plugin_dirs: [plugins]\nvenues:\n  kraken:\n    mode: live\n");

        var exit = await _cli.RunAsync("config", "check", "--config", config);

        Assert.Equal(1, exit);
        Assert.Contains("fluxum.yaml:4:5: venues.kraken.plugin: plugin 'kraken' not found in", _cli.ErrorText, StringComparison.Ordinal);
        Assert.Contains("loaded plugins: good", _cli.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_MissingFile_ExitsOne()
    {
        var exit = await _cli.RunAsync("config", "check", "--config", Path.Combine(_temp.Path, "absent.yaml"));

        Assert.Equal(1, exit);
        Assert.Contains("absent.yaml: configuration file not found", _cli.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigCheck_JsonValidFile_ExitsZeroWithOneDocumentOnStdout()
    {
        var config = _temp.Write("fluxum.yaml", (GoodVenue with { Logging = "{ format: json }" }).ToString());

        var exit = await _cli.RunAsync("config", "check", "--config", config, "--format", "json");

        Assert.Equal(0, exit);
        Assert.Equal("", _cli.ErrorText);
        Assert.Equal("", _cli.ConsoleText);
        using var doc = JsonDocument.Parse(_cli.OutText);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.EndsWith("fluxum.yaml", root.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, root.GetProperty("errorCount").GetInt32());
        Assert.Empty(root.GetProperty("errors").EnumerateArray());
        var venue = Assert.Single(root.GetProperty("venues").EnumerateArray());
        Assert.Equal(
            ("g", "good", "1.2.3", "live"),
            (venue.GetProperty("name").GetString(), venue.GetProperty("plugin").GetString(), venue.GetProperty("pluginVersion").GetString(), venue.GetProperty("mode").GetString()));
        Assert.Equal(["BTC/USD", "ETH/USD"], venue.GetProperty("symbols").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ticker", "trades"], venue.GetProperty("channels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(10, root.GetProperty("reconnect").GetProperty("maxAttempts").GetInt32());
    }

    [Fact]
    public async Task ConfigCheck_JsonInvalidFile_ExitsOneWithErrorsAsJson()
    {
        var config = _temp.Write("fluxum.yaml", """
            plugin_dirs: [plugins]
            venues:
              g:
                plugin: nope
                mode: live
                subscriptions:
                  - symbols: [BTCUSD]
                    channels: [ticker]
            logging: { format: xml }
            """);

        var exit = await _cli.RunAsync("config", "check", "--config", config, "--format", "json");

        Assert.Equal(1, exit);
        Assert.Equal("", _cli.ErrorText);
        using var doc = JsonDocument.Parse(_cli.OutText);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal(3, root.GetProperty("errorCount").GetInt32());
        Assert.Empty(root.GetProperty("venues").EnumerateArray());
        var errors = root.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(), e.GetProperty("path").GetString(), e.GetProperty("message").GetString()))
            .ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal((4, 13, "venues.g.plugin"), (errors[0].Item1, errors[0].Item2, errors[0].Item3));
        Assert.StartsWith("plugin 'nope' not found in", errors[0].Item4, StringComparison.Ordinal);
        Assert.Equal(
            [
                (7, 19, "venues.g.subscriptions[0].symbols[0]", "'BTCUSD' is not a symbol; expected BASE/QUOTE, for example BTC/USD"),
                (9, 20, "logging.format", "unknown log format 'xml'; expected one of text, json"),
            ],
            errors.Skip(1));
        Assert.All(root.GetProperty("errors").EnumerateArray(), e => Assert.EndsWith("fluxum.yaml", e.GetProperty("file").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfigCheck_JsonMissingFile_ExitsOneWithTheFileError()
    {
        var exit = await _cli.RunAsync("config", "check", "--config", Path.Combine(_temp.Path, "absent.yaml"), "--format", "json");

        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(_cli.OutText);
        var error = Assert.Single(doc.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal((0, ""), (error.GetProperty("line").GetInt32(), error.GetProperty("path").GetString()));
        Assert.StartsWith("configuration file not found", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
