using Fluxum.Host.Cli;
using Fluxum.Host.Tests.Support;
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

    /// <summary>The tests' usual config (<see cref="ConfigYaml.Create"/>) for <paramref name="venues"/> on the repository's built plugins.</summary>
    public static ConfigYaml Config(IEnumerable<VenueYaml> venues, string watchdog = "10s") => ConfigYaml.Create([PluginDirectory], venues, watchdog);

    /// <summary>Writes the tests' config (<see cref="Config"/>) for <paramref name="venues"/>.</summary>
    public void WriteConfig(params IEnumerable<VenueYaml> venues) => WriteConfig(Config(venues));

    /// <summary>
    /// Writes the tests' config with the given venues section as literal text (indented under <c>venues:</c>),
    /// for a test whose point is that text; it starts at the file's fourth line.
    /// </summary>
    public void WriteConfig(string venues) => WriteConfig(Config([]) with { VenuesText = venues });

    /// <summary>Writes <paramref name="config"/> to <see cref="ConfigPath"/>.</summary>
    public void WriteConfig(ConfigYaml config) => File.WriteAllText(ConfigPath, config.ToString());

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
