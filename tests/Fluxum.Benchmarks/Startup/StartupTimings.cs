using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Fluxum.Benchmarks.Startup;

/// <summary>One start-up scenario: a <c>fluxum</c> command line and the output line that counts as its first number.</summary>
/// <param name="Name">The scenario's name in the results (<c>run</c>, <c>script run aggregate.csx</c>).</param>
/// <param name="Arguments">The arguments given to <c>fluxum</c>, run in the repository's root.</param>
/// <param name="FirstNumber">A line on stdout that shows the first market number (a BBO, a ticker).</param>
internal sealed record StartupScenario(string Name, IReadOnlyList<string> Arguments, Regex FirstNumber);

/// <summary>The timings of one scenario in one cache state, each in milliseconds from the process start.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Cache"><c>cold</c> (no compiled script in the cache) or <c>warm</c> (the script's compiled image cached).</param>
/// <param name="FirstLine">Time to the first line on stdout, one entry per run.</param>
/// <param name="FirstNumber">Time to the first line matching the scenario's <see cref="StartupScenario.FirstNumber"/>.</param>
internal sealed record StartupResult(string Scenario, string Cache, IReadOnlyList<double> FirstLine, IReadOnlyList<double> FirstNumber)
{
    /// <summary>The median of <see cref="FirstLine"/>.</summary>
    public double FirstLineMedian => Median(FirstLine);

    /// <summary>The median of <see cref="FirstNumber"/>.</summary>
    public double FirstNumberMedian => Median(FirstNumber);

    private static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>
/// Times <c>fluxum run</c> on the repository's <c>fluxum.yaml</c> and <c>fluxum script run scripts/aggregate.csx</c>
/// from the process start to their first printed line and to their first market number, with the script compile
/// cache empty (cold: Roslyn compiles the script) and filled (warm: the cached image is loaded). Whole processes of
/// an already built <c>fluxum</c> (build excluded), each killed once it has shown its number.
/// </summary>
internal static partial class StartupTimings
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(30);

    /// <summary>The two scenarios of issue 16.</summary>
    public static IReadOnlyList<StartupScenario> Scenarios { get; } =
    [
        new("run fluxum.yaml", ["run", "--config", "fluxum.yaml"], BboLine()),
        new("script run aggregate.csx", ["script", "run", "scripts/aggregate.csx", "--config", "fluxum.yaml"], TickerLine()),
    ];

    /// <summary>Runs every scenario <paramref name="runs"/> times cold and warm with the executable <paramref name="fluxum"/>.</summary>
    public static async Task<IReadOnlyList<StartupResult>> MeasureAsync(string fluxum, string repositoryRoot, int runs, TextWriter progress)
    {
        var results = new List<StartupResult>();
        foreach (var scenario in Scenarios)
        {
            var warmCache = Directory.CreateTempSubdirectory("fluxum-startup-warm-");
            try
            {
                // One run fills the warm cache (and the file cache of the executable and plugins) before anything counts.
                await TimeOneAsync(fluxum, repositoryRoot, scenario, warmCache.FullName).ConfigureAwait(false);
                var cold = (Lines: new List<double>(), Numbers: new List<double>());
                var warm = (Lines: new List<double>(), Numbers: new List<double>());
                for (var run = 0; run < runs; run++)
                {
                    var coldCache = Directory.CreateTempSubdirectory("fluxum-startup-cold-");
                    try
                    {
                        var (coldLine, coldNumber) = await TimeOneAsync(fluxum, repositoryRoot, scenario, coldCache.FullName).ConfigureAwait(false);
                        cold.Lines.Add(coldLine);
                        cold.Numbers.Add(coldNumber);
                    }
                    finally
                    {
                        coldCache.Delete(recursive: true);
                    }

                    var (warmLine, warmNumber) = await TimeOneAsync(fluxum, repositoryRoot, scenario, warmCache.FullName).ConfigureAwait(false);
                    warm.Lines.Add(warmLine);
                    warm.Numbers.Add(warmNumber);
                    progress.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{scenario.Name} run {run + 1}: cold {cold.Lines[^1]:F0}/{cold.Numbers[^1]:F0} ms, warm {warmLine:F0}/{warmNumber:F0} ms (first line/first number)"));
                }

                results.Add(new StartupResult(scenario.Name, "cold", cold.Lines, cold.Numbers));
                results.Add(new StartupResult(scenario.Name, "warm", warm.Lines, warm.Numbers));
            }
            finally
            {
                warmCache.Delete(recursive: true);
            }
        }

        return results;
    }

    /// <summary>The default executable: the Release build of the host in <paramref name="repositoryRoot"/>.</summary>
    public static string DefaultExecutable(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "host", "Fluxum.Host", "bin", "Release", "net10.0", OperatingSystem.IsWindows() ? "fluxum.exe" : "fluxum");

    /// <summary>The repository's root: the nearest folder above the working directory holding <c>Fluxum.Host.sln</c>.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fluxum.Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Fluxum.Host.sln in {Environment.CurrentDirectory} or above it: run from inside the repository");
    }

    private static async Task<(double FirstLine, double FirstNumber)> TimeOneAsync(
        string fluxum, string repositoryRoot, StartupScenario scenario, string cacheDirectory)
    {
        var start = new ProcessStartInfo(fluxum)
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in scenario.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["FLUXUM_SCRIPT_CACHE"] = cacheDirectory;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fluxum}");
        var stderr = process.StandardError.ReadToEndAsync();
        double firstLine = double.NaN;
        double firstNumber = double.NaN;
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false) is { } line)
            {
                if (double.IsNaN(firstLine))
                {
                    firstLine = clock.Elapsed.TotalMilliseconds;
                }

                if (scenario.FirstNumber.IsMatch(line))
                {
                    firstNumber = clock.Elapsed.TotalMilliseconds;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Reported below: a scenario that never shows its number within the limit is a failed measurement.
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (double.IsNaN(firstNumber))
        {
            throw new InvalidOperationException(
                $"'{scenario.Name}' showed no line matching {scenario.FirstNumber} within {RunLimit.TotalSeconds:F0} s (exit {process.ExitCode}); its stderr ended: {Tail(errors)}");
        }

        return (firstLine, firstNumber);
    }

    private static string Tail(string text) => text.Length <= 600 ? text : text[^600..];

    [GeneratedRegex(@"^BBO \S+ bid \d")]
    private static partial Regex BboLine();

    [GeneratedRegex(@"^TICKER \S+ \S+ bid \d")]
    private static partial Regex TickerLine();
}
