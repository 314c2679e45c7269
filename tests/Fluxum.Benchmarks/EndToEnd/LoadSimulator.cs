using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Fluxum.Benchmarks.EndToEnd;

/// <summary>
/// The Kraken simulator in load mode as its own process (<c>fluxum simulate kraken --load RATE --load-messages N</c>
/// of an already built <c>fluxum</c>), so the process that measures holds only the consumer: its CPU time is the
/// consumer's. Each connection it serves gets <see cref="Messages"/> frames at <see cref="Rate"/> frames/s, from
/// <see cref="Settle"/> after its last subscription.
/// </summary>
internal sealed partial class LoadSimulator : IAsyncDisposable
{
    /// <summary>How long a connection's subscriptions have to settle before its load starts (time for the consumer to attach).</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly Task _stderr;

    private LoadSimulator(Process process, Task stderr, int port, int rate, long messages)
    {
        _process = process;
        _stderr = stderr;
        Port = port;
        Rate = rate;
        Messages = messages;
    }

    public int Port { get; }

    /// <summary>Frames per second on each connection (0: as fast as the socket takes).</summary>
    public int Rate { get; }

    /// <summary>Frames each connection gets.</summary>
    public long Messages { get; }

    public Uri WebSocket => new($"ws://127.0.0.1:{Port}/v2");

    public Uri Rest => new($"http://127.0.0.1:{Port}/");

    public static async Task<LoadSimulator> StartAsync(string fluxum, string repositoryRoot, int rate, long messages)
    {
        var start = new ProcessStartInfo(fluxum)
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "simulate", "kraken", "--port", "0", "--seed", "42",
            "--load", rate.ToString(CultureInfo.InvariantCulture),
            "--load-messages", messages.ToString(CultureInfo.InvariantCulture),
            "--load-settle", $"{Settle.TotalMilliseconds:0}ms",
            "--config", Path.Combine(repositoryRoot, "fluxum.yaml"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fluxum}");
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false) is { } line)
            {
                if (WsLine().Match(line) is { Success: true } match)
                {
                    var port = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                    _ = DrainAsync(process.StandardOutput);
                    return new LoadSimulator(process, stderr, port, rate, messages);
                }
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Reported below.
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"the load simulator did not start (exit {process.ExitCode}): {await stderr.ConfigureAwait(false)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        await _stderr.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync().ConfigureAwait(false) is not null)
        {
            // The simulator's later lines (none but faults, which a load run has none of) are not needed.
        }
    }

    [GeneratedRegex(@"^\s+ws\s+ws://127\.0\.0\.1:(\d+)/v2$")]
    private static partial Regex WsLine();
}
