using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// <c>fluxum run</c> in a child process with an admin server (<c>admin: { listen: "127.0.0.1:0" }</c>), started and
/// read up to the line that prints the admin address; its output and exit are awaited at the end.
/// </summary>
internal sealed partial class RunningFluxum : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly List<string> _lines = [];

    private RunningFluxum(Process process)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The admin server's address, as printed.</summary>
    public Uri Admin { get; private set; } = null!;

    public static async Task<RunningFluxum> StartAsync(string config, string duration)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(config)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { FluxumProcess.Assembly, "run", "--config", config, "--duration", duration })
        {
            start.ArgumentList.Add(argument);
        }

        var running = new RunningFluxum(Process.Start(start)!);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await running._process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            running._lines.Add(line);
            if (AdminLine().Match(line) is { Success: true } match)
            {
                running.Admin = new Uri(match.Groups[1].Value);
                return running;
            }
        }

        await running._process.WaitForExitAsync(limit.Token);
        var failure = $"no admin address printed (exit {running._process.ExitCode}):\n{string.Join('\n', running._lines)}\n{await running._stderr}";
        running.Dispose();
        throw new InvalidOperationException(failure);
    }

    /// <summary>Waits for the run to end: its exit code, stdout (all of it) and stderr.</summary>
    public async Task<CliResult> ExitAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var rest = await _process.StandardOutput.ReadToEndAsync(limit.Token);
        await _process.WaitForExitAsync(limit.Token);
        return new CliResult(_process.ExitCode, string.Join('\n', _lines) + "\n" + rest, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"admin server on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex AdminLine();
}
