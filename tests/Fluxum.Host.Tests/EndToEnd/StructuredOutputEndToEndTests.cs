using System.Text.Json;
using Fluxum.Host.Cli;
using Fluxum.Host.Tests.Support;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// <c>logging: { format: json | text }</c> and <c>run --format json</c> against the real simulators: the log lines
/// of a child <c>fluxum</c> process as its stderr carries them, and the final status document on stdout.
/// </summary>
public sealed class StructuredOutputEndToEndTests : IDisposable
{
    private static readonly VenueYaml Kraken = VenueYaml.Simulated("kraken", seed: 21).Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10));

    private static readonly VenueYaml Gemini = VenueYaml.Simulated("gemini", seed: 22).With("api: ws").Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10));

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Run_JsonLogs_EveryStderrLineParsesAndSessionLinesCarryVenueAndConnection()
    {
        WriteConfig(Kraken, "json");

        var result = await FluxumProcess.RunAsync(Path.GetDirectoryName(_cli.ConfigPath)!, "run", "--config", _cli.ConfigPath, "--duration", "3s", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var entries = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        var sessions = entries.Where(e => e.Category == "Fluxum.Host.Sessions.VenueSession").ToList();
        Assert.NotEmpty(sessions);
        foreach (var line in sessions)
        {
            // The fields name the same connection as the message does.
            Assert.Equal("kraken", line.Scope("venue"));
            Assert.Contains(line.Scope("connection"), new[] { "public", "account" });
            Assert.StartsWith($"kraken ({line.Scope("connection")}): ", line.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["account", "public"], sessions.Select(l => l.Scope("connection")).Distinct().Order());

        // A plugin's own line, logged while the public session connects, names the connection too.
        var pairs = Assert.Single(entries, e => e.Category == "Fluxum.Plugins.Kraken.AssetPairs");
        Assert.Equal(("kraken", "public"), (pairs.Scope("venue"), pairs.Scope("connection")));

        using var status = JsonDocument.Parse(result.Output);
        Assert.Equal("kraken", Assert.Single(status.RootElement.GetProperty("venues").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Run_TextLogs_PublicAndAccountSessionLinesDiffer()
    {
        WriteConfig(Kraken, "text");

        var result = await FluxumProcess.RunAsync(Path.GetDirectoryName(_cli.ConfigPath)!, "run", "--config", _cli.ConfigPath, "--duration", "3s");

        Assert.True(result.ExitCode == 0, result.ToString());
        var sessions = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains("Fluxum.Host.Sessions.VenueSession[1501]", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sessions);
        Assert.All(sessions, l => Assert.True(
            l.Contains("] => kraken/public kraken (public): ", StringComparison.Ordinal) || l.Contains("] => kraken/account kraken (account): ", StringComparison.Ordinal),
            l));

        // The same state change of the two connections: two different lines (the timestamp cut off).
        var connected = sessions.Where(l => l.EndsWith("Connecting -> Connected", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
        Assert.Equal(2, connected.Count);
        Assert.NotEqual(connected[0], connected[1]);
        Assert.Contains("Final status:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FormatJson_PrintsOneFinalStatusDocumentWithEveryVenue()
    {
        _cli.WriteConfig(Kraken, Gemini);

        // Long enough for both venues' first frames on a loaded CI machine (3 s once left Gemini with none).
        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath, "--duration", "6s", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Output);
        var root = doc.RootElement;
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        Assert.Empty(root.GetProperty("problems").EnumerateArray());
        var venues = root.GetProperty("venues").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal(["gemini", "kraken"], venues.Keys.Order());
        foreach (var venue in venues.Values)
        {
            Assert.Equal("simulated", venue.GetProperty("mode").GetString());
            Assert.Equal(JsonValueKind.Null, venue.GetProperty("fault").ValueKind);
            Assert.True(venue.GetProperty("frames").GetInt64() > 0, venue.ToString());
            Assert.True(venue.GetProperty("books").GetProperty("snapshots").GetInt64() >= 1, venue.ToString());
            Assert.Equal(0, venue.GetProperty("public").GetProperty("reconnects").GetInt64());
            Assert.Equal(JsonValueKind.Object, venue.GetProperty("account").ValueKind);
            var book = Assert.Single(venue.GetProperty("symbols").EnumerateArray());
            Assert.Equal("BTC/USD", book.GetProperty("symbol").GetString());
            if (book.GetProperty("state").GetString() == "good")
            {
                Assert.True(book.GetProperty("bid").GetProperty("price").GetDecimal() < book.GetProperty("ask").GetProperty("price").GetDecimal());
            }
        }

        Assert.True(venues["kraken"].GetProperty("books").GetProperty("checksumsVerified").GetInt64() > 0, venues["kraken"].ToString());
    }

    [Fact]
    public async Task Run_FormatJsonWithScript_ScriptOutputGoesToStderrAndStdoutStaysOneDocument()
    {
        var script = _cli.Path2("hello.csx");
        await File.WriteAllTextAsync(script, "Print(\"HELLO from the script\");\n");
        _cli.WriteConfig(CliHarness.Config([Kraken]) with { Scripts = [script] });

        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath, "--duration", "3s", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("HELLO from the script", result.Error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(result.Output);
        var ran = Assert.Single(doc.RootElement.GetProperty("scripts").EnumerateArray());
        Assert.Equal(("hello", true), (ran.GetProperty("name").GetString(), ran.GetProperty("success").GetBoolean()));
    }

    [Fact]
    public async Task Run_FormatJsonEveryVenueFaulted_DocumentCarriesExitCodeAndProblem()
    {
        _cli.WriteConfig(VenueYaml.UnreachableKraken);

        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath, "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.DeploymentFailed, result.ToString());
        using var doc = JsonDocument.Parse(result.Output);
        var root = doc.RootElement;
        Assert.Equal(ExitCodes.DeploymentFailed, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(["every venue faulted"], root.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
        var venue = Assert.Single(root.GetProperty("venues").EnumerateArray());
        Assert.Equal("faulted", venue.GetProperty("status").GetString());
        Assert.Contains("kraken (public): gave up after", venue.GetProperty("fault").GetString(), StringComparison.Ordinal);
        Assert.Contains("the deployment did not do what it was asked (every venue faulted)", result.Error, StringComparison.Ordinal);
    }

    private static LogLine Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var scopes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var scope in root.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
        {
            foreach (var field in scope.EnumerateObject().Where(f => f.Name != "Message"))
            {
                scopes[field.Name] = field.Value.GetString();
            }
        }

        return new LogLine(root.GetProperty("Category").GetString()!, root.GetProperty("Message").GetString()!, scopes);
    }

    private void WriteConfig(VenueYaml venue, string format) =>
        _cli.WriteConfig(new ConfigYaml([CliHarness.PluginDirectory]) { Venues = [venue], Logging = ConfigYaml.LoggingAt("information", format) });

    private sealed record LogLine(string Category, string Message, IReadOnlyDictionary<string, string?> Scopes)
    {
        public string? Scope(string key) => Scopes.GetValueOrDefault(key);
    }
}
