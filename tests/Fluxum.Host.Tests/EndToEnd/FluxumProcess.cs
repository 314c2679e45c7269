using System.Diagnostics;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// Runs the built <c>fluxum</c> in a child process, so what a test reads is what an operator's shell gets: the
/// real console logger on the real stderr, the command's output on the real stdout.
/// </summary>
internal static class FluxumProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>The host assembly the test project was built with (its runtimeconfig is copied beside it).</summary>
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "fluxum.dll");

    /// <summary>Runs <c>fluxum <paramref name="arguments"/></c> in <paramref name="directory"/> to its end.</summary>
    public static async Task<CliResult> RunAsync(string directory, params string[] arguments)
    {
        Assert.True(File.Exists(Path.ChangeExtension(Assembly, ".runtimeconfig.json")), $"{Assembly} has no runtimeconfig beside it");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fluxum {string.Join(' ', arguments)} did not finish within {Limit.TotalSeconds} s");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
