using Fluxum.Host.Ledger;
using Fluxum.Host.Runtime;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Hosting;

/// <summary>
/// A started <see cref="Deployment"/> with what the CLI needs around it: the shared REST transport, the
/// venues' ledgers, and a report of the venues that could not start. Disposing stops everything cleanly.
/// </summary>
internal sealed class HostedDeployment : IAsyncDisposable
{
    private readonly HttpRestTransport _rest;

    private HostedDeployment(Deployment deployment, HttpRestTransport rest, IReadOnlyDictionary<string, ILedger> ledgers)
    {
        Deployment = deployment;
        _rest = rest;
        Ledgers = ledgers;
    }

    /// <summary>The REST traffic of every venue so far (attempts, retries, 429s, 5xx).</summary>
    public Transport.RestCounters RestCounters => _rest.Counters;

    /// <summary>The running venues and their hub.</summary>
    public Deployment Deployment { get; }

    /// <summary>Ledgers of the venues whose plugin has one and that have credentials.</summary>
    public IReadOnlyDictionary<string, ILedger> Ledgers { get; }

    /// <summary>
    /// Plans, creates and starts the venues selected by <paramref name="plan"/>. Venues that fail are
    /// reported on <paramref name="error"/> (the others run). Returns null when none could start.
    /// </summary>
    public static async Task<HostedDeployment?> StartAsync(
        LoadedConfig loaded,
        Func<DeploymentPlanner, IReadOnlyList<VenueRuntimeOptions>> plan,
        DeploymentOptions options,
        ILoggerFactory loggers,
        TimeProvider time,
        TextWriter error,
        CancellationToken cancellationToken,
        ILedgerStore? ledgerStore = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(plan);
        var rest = new HttpRestTransport(RestTransportOptions.Default, time, loggers.CreateLogger<HttpRestTransport>());
        Deployment? deployment = null;
        try
        {
            var venues = plan(new DeploymentPlanner(loaded.Catalog, loaded.Config, rest, loggers, time));
            deployment = new Deployment(venues, options with { Publish = options.Publish ?? loaded.Config.Publish }, loggers, time);
            int running;
            try
            {
                running = await deployment.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Publishing.PublishStartException e)
            {
                await error.WriteLineAsync($"error: {loaded.DisplayName}: {e.Message}").ConfigureAwait(false);
                throw new CommandNotStartedException(e.Message, e);
            }

            foreach (var fault in deployment.Faults)
            {
                await error.WriteLineAsync($"error: venue {fault.Venue} did not start: {fault.Message}").ConfigureAwait(false);
            }

            if (running == 0)
            {
                await error.WriteLineAsync("error: no venue could start").ConfigureAwait(false);
                await deployment.DisposeAsync().ConfigureAwait(false);
                rest.Dispose();
                return null;
            }

            return new HostedDeployment(deployment, rest, await LedgersAsync(deployment, error, ledgerStore).ConfigureAwait(false));
        }
        catch
        {
            if (deployment is not null)
            {
                await deployment.DisposeAsync().ConfigureAwait(false);
            }

            rest.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Deployment.DisposeAsync().ConfigureAwait(false);
        _rest.Dispose();
    }

    private static async Task<IReadOnlyDictionary<string, ILedger>> LedgersAsync(Deployment deployment, TextWriter error, ILedgerStore? store)
    {
        var ledgers = new Dictionary<string, ILedger>(StringComparer.OrdinalIgnoreCase);
        foreach (var venue in deployment.Venues.Where(v => v.Fault is null))
        {
            if (venue.Adapter is not { Capabilities.Ledger: true } adapter || venue.Context.Credentials is null)
            {
                continue;
            }

            try
            {
                ledgers[venue.Venue] = new HostLedger(venue.Venue, adapter.CreateLedgerClient(), deployment.Hub, store);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A plugin fault here costs this venue its ledger, not the deployment.
                await error.WriteLineAsync($"error: venue {venue.Venue}: the ledger client could not be created: {e.Message}").ConfigureAwait(false);
            }
        }

        return ledgers;
    }
}
