using Fluxum.Host.Cli;
using Spectre.Console;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// Runs the real <c>fluxum</c> command line in-process, with the real runners, against a config file
/// written to a temporary folder that loads the repository's built plugins and starts their simulators.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fluxum-e2e-").FullName;

    public string ConfigPath => Path.Combine(_folder, "fluxum.yaml");

    public static string PluginDirectory => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "plugins");

    public static string Script(string name) => Path.Combine(TestPaths.RepositoryRoot, "scripts", name);

    /// <summary>Writes a config with the given venues section (YAML, indented under <c>venues:</c>).</summary>
    public void WriteConfig(string venues, string extra = "", string watchdog = "10s")
    {
        File.WriteAllText(ConfigPath, $"""
            plugin_dirs:
              - {PluginDirectory}
            venues:
            {venues}
            reconnect:
              max_attempts: 3
              initial_backoff: 100ms
              max_backoff: 1s
              watchdog: {watchdog}
            logging:
              level: warning
            {extra}
            """);
    }

    public string Path2(string file) => Path.Combine(_folder, file);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var syncOut = TextWriter.Synchronized(output);
        var syncErr = TextWriter.Synchronized(error);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(syncOut), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var services = CliServices.WithRuntime(CliServices.Create(console, syncOut, syncErr));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var code = await FluxumCli.InvokeAsync(args, services, timeout.Token);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public IEnumerable<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
