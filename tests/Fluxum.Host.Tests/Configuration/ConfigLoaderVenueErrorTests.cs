using Fluxum.Host.Configuration;

namespace Fluxum.Host.Tests.Configuration;

public sealed class ConfigLoaderVenueErrorTests : IDisposable
{
    private readonly ConfigTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Parse_ReplayModeWithoutSectionOrFile_Reported()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              a:
                mode: replay
              b:
                mode: replay
                replay: { file: missing.jsonl, pace: slow }
            """);

        Assert.Equal(
            [
                "fluxum.yaml:4:5: venues.a: mode replay needs replay: { file: frames.jsonl, pace: fast | recorded }",
                "fluxum.yaml:7:21: venues.b.replay.file: replay file not found: " + Path.Combine(_file.Directory, "missing.jsonl"),
                "fluxum.yaml:7:42: venues.b.replay.pace: unknown pace 'slow'; expected one of fast, recorded",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_BadEndpointAndVariableName_Reported()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              a:
                mode: simulated
                endpoints: { ws: "ftp://x.test", rest: not a uri }
                credentials: { api_key_env: "1BAD", api_secret_env: OK_NAME }
            """);

        Assert.Equal(
            [
                "fluxum.yaml:5:22: venues.a.endpoints.ws: 'ftp://x.test' is not an absolute ws://, wss://, http:// or https:// URI",
                "fluxum.yaml:5:44: venues.a.endpoints.rest: 'not a uri' is not an absolute ws://, wss://, http:// or https:// URI",
                "fluxum.yaml:6:33: venues.a.credentials.api_key_env: expected an environment variable name (letters, digits and underscores, e.g. KRAKEN_API_SECRET)",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void Parse_AliasReusesAnchoredNode()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              a:
                mode: simulated
                subscriptions: &subs
                  - symbols: [BTC/USD]
                    channels: [ticker]
              b:
                mode: simulated
                subscriptions: *subs
            """);

        var config = result.GetValidConfig();
        Assert.Equal(config.Venue("a")!.Subscriptions, config.Venue("b")!.Subscriptions);
    }

    [Fact]
    public void Parse_SecondDocumentAndListRoot_Reported()
    {
        Assert.Equal(
            ["fluxum.yaml:2:1: only one YAML document is allowed (found a second '---')"],
            ConfigTestFile.Messages(_file.Parse("plugin_dirs: [p]\n---\nvenues: {}\n")));
        Assert.Equal(
            ["fluxum.yaml:1:1: expected a mapping with keys plugin_dirs, venues, books, scripts, reconnect, logging, admin, telemetry, ledger, publish; found a list"],
            ConfigTestFile.Messages(_file.Parse("- a\n")));
    }

    [Fact]
    public void Parse_ScriptNotCsxOrMissing_ErrorAndWarning()
    {
        var result = _file.Parse("plugin_dirs: [p]\nscripts:\n  - run.py\n  - { path: later.csx, args: [x] }\n");

        Assert.Equal(["fluxum.yaml:3:5: scripts[0]: 'run.py' is not a C# script; expected a .csx file"], ConfigTestFile.Messages(result));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal($"fluxum.yaml:4:13: scripts[1].path: script file not found: {Path.Combine(_file.Directory, "later.csx")}", warning.ToString());
    }

    [Fact]
    public void Parse_ReconnectRangeProblems_Reported()
    {
        var result = _file.Parse("reconnect: { max_attempts: -1, initial_backoff: 1m, max_backoff: 10s, jitter: 1.5 }\n");

        Assert.Equal(
            [
                "fluxum.yaml:1:28: reconnect.max_attempts: must be at least 0, found -1",
                "fluxum.yaml:1:49: reconnect.initial_backoff: initial_backoff (1m) is longer than max_backoff (10s)",
                "fluxum.yaml:1:79: reconnect.jitter: must be between 0 and 1, found 1.5",
            ],
            ConfigTestFile.Messages(result));
    }

    [Fact]
    public void GetValidConfig_WithErrors_ThrowsListingAll()
    {
        var result = _file.Parse("plugin_dirs: [p]\nvenues:\n  a: { mode: x }\n  b: { mode: y }\n");

        var ex = Assert.Throws<ConfigException>(result.GetValidConfig);

        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal(2, ex.Message.Split(Environment.NewLine).Length);
    }

    [Fact]
    public void Parse_BadModeWithBooks_NoCascadingUnknownVenue()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              a:
                mode: paper
                subscriptions: [{ symbols: [BTC/USD], channels: [book] }]
            books: [{ venue: a, symbols: [BTC/USD] }]
            """);

        Assert.Equal(["fluxum.yaml:4:11: venues.a.mode: unknown mode 'paper'; expected one of live, simulated, replay"], ConfigTestFile.Messages(result));
    }
}
