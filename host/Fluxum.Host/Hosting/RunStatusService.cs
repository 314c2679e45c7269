using Fluxum.Host.Cli;
using Microsoft.Extensions.Hosting;

namespace Fluxum.Host.Hosting;

/// <summary>
/// <c>fluxum run</c>'s console status: once the venues are up (and before the scripts run) one line saying
/// what runs; without scripts, every venue's status line every few seconds until the host stops.
/// </summary>
internal sealed class RunStatusService(DeploymentService deployment, LoadedConfig loaded, CliServices cli, ScriptService? scripts = null) : BackgroundService
{
    /// <summary>How often the status is printed when no script runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var running = deployment.Hosted.Deployment.Venues.Count(v => v.Fault is null);
        await cli.Out.WriteLineAsync($"fluxum: {loaded.DisplayName}: {running} venue(s) running, {scripts?.Count ?? 0} script(s)").ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (scripts is not null)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, cli.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                DeploymentSummary.Write(deployment.Hosted.Deployment, cli.Out);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: the final summary follows.
        }
    }
}
