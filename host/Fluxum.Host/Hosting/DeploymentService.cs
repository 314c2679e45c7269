using Fluxum.Host.Cli;
using Fluxum.Host.Ledger;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Hosting;

/// <summary>
/// The command's venues as a hosted service: starting the host plans, creates and starts them (a venue that
/// cannot start is reported on stderr, the others run; none at all fails the start); stopping the host
/// closes their sockets, stops replays and simulators and flushes recordings.
/// </summary>
internal sealed class DeploymentService(LoadedConfig loaded, FluxumHostPlan plan, ILoggerFactory loggers, TimeProvider time, CliServices cli, LedgerStoreService? ledger = null) : IHostedService, IAsyncDisposable
{
    private HostedDeployment? _hosted;

    /// <summary>The running venues, their hub and ledgers (once the host has started).</summary>
    public HostedDeployment Hosted => _hosted ?? throw new InvalidOperationException("the deployment was not started");

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var venues = plan.Venues ?? throw new InvalidOperationException("this host runs no venues");
        _hosted = await HostedDeployment.StartAsync(loaded, venues, plan.Deployment, loggers, time, cli.Error, cancellationToken, ledger?.Store).ConfigureAwait(false);
        if (_hosted is null)
        {
            throw new CommandNotStartedException("no venue could start");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) =>
        _hosted?.Deployment.StopAsync(CancellationToken.None) ?? Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>Idempotent: the container disposes it as itself and as the hosted service it is registered as.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _hosted, null) is { } hosted)
        {
            await hosted.DisposeAsync().ConfigureAwait(false);
        }
    }
}
