using Fluxum.Host.Cli;
using Fluxum.Host.Operations;
using Fluxum.Host.Operations.Live;
using Microsoft.Extensions.Hosting;

namespace Fluxum.Host.Hosting;

/// <summary>
/// <c>fluxum run --live</c> on a terminal: the live view (<see cref="LiveView"/>) of the running deployment, redrawn in
/// place every second from the same document <c>/status</c> serves, until the host stops.
/// </summary>
internal sealed class LiveViewService(DeploymentService deployment, LoadedConfig loaded, CliServices cli, ScriptService? scripts = null) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hosted = deployment.Hosted;
        var readiness = new Readiness(hosted.Deployment, loaded.Config.Admin?.StaleLimit ?? TimeSpan.FromSeconds(30), cli.Time, scripts is null ? null : () => OperationsService.State(scripts));
        using var quality = new RecentQuality(hosted.Deployment);
        var title = $"fluxum run {loaded.DisplayName}";
        var first = LiveModel.From(AdminServer.Status(hosted, readiness, quality), cli.Time.GetUtcNow(), null);
        try
        {
            await LiveView.ShowAsync(
                cli.Console,
                title,
                first,
                previous => Task.FromResult(LiveModel.From(AdminServer.Status(hosted, readiness, quality), cli.Time.GetUtcNow(), previous)),
                cli.Time,
                stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: the final status follows.
        }
    }
}
