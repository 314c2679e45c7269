using System.Diagnostics;
using System.Text;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// Builds as a third party does, in child processes: the SDK packed once per test run into the local feed
/// (<c>artifacts/packages</c>), restores through a package cache of its own (<c>artifacts/packages-cache</c>) from
/// which every earlier build of the <c>fluxum.*</c> packages is removed first, since they are repacked at the same version.
/// </summary>
internal static class ExternalBuild
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(6);
    private static readonly SemaphoreSlim PackGate = new(1, 1);
    private static bool _packed;

    public static string Feed => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "packages");

    public static string PackageCache => Path.Combine(TestPaths.RepositoryRoot, "artifacts", "packages-cache");

    /// <summary>Packs the SDK and the template into <see cref="Feed"/>, once per test run.</summary>
    public static async Task EnsureSdkPackedAsync()
    {
        await PackGate.WaitAsync();
        try
        {
            if (_packed)
            {
                return;
            }

            foreach (var stale in Directory.Exists(PackageCache) ? Directory.GetDirectories(PackageCache, "fluxum.*") : [])
            {
                Directory.Delete(stale, recursive: true);
            }

            await RunAsync(TestPaths.RepositoryRoot, "dotnet", "pack", "Fluxum.Sdk.slnf", "-v", "q", "-nologo");
            _packed = true;
        }
        finally
        {
            PackGate.Release();
        }
    }

    /// <summary>Runs a command to its end (within the step limit) and returns stdout + stderr; a non-zero exit fails the test.</summary>
    public static async Task<string> RunAsync(string directory, string file, params string[] arguments)
    {
        var (code, output) = await TryRunAsync(directory, file, arguments);
        Assert.True(code == 0, $"{file} {string.Join(' ', arguments)} exited {code}:\n{output}");
        return output;
    }

    /// <summary>Runs a command to its end (within the step limit): its exit code and stdout + stderr.</summary>
    public static async Task<(int ExitCode, string Output)> TryRunAsync(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NUGET_PACKAGES"] = PackageCache;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // A child build must not inherit the test run's MSBuild node settings or its test-host variables.
        start.Environment.Remove("MSBUILDNOINPROCNODE");
        start.Environment.Remove("VSTEST_HOST_DEBUG");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(StepLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {StepLimit.TotalMinutes} minutes");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
