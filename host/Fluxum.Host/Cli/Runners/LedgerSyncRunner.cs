using Fluxum.Host.Cli.Output;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Ledger;

namespace Fluxum.Host.Cli.Runners;

/// <summary>
/// <c>fluxum ledger sync</c>: opens the config's ledger store (SQLite by default), starts the selected venues with
/// no market-data subscriptions (a simulated venue starts its simulator, with credentials it accepts), and pulls each
/// venue's ledger through its plugin's client into the store (<see cref="LedgerSync"/>). Exit 0 when every venue
/// synced; 1 when nothing could start (config, store, an unknown venue, no venue with a ledger); 3 when a venue's
/// sync failed or was interrupted (the others still synced; what it wrote stays, and the next run resumes).
/// </summary>
internal sealed class LedgerSyncRunner(CliServices services) : ICommandRunner<LedgerSyncRequest>
{
    /// <inheritdoc />
    public async Task<int> RunAsync(LedgerSyncRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (LoadedConfig.Read(request.ConfigPath, services.ConfigOptions, services.Error) is not { } loaded)
        {
            return ExitCodes.NotStarted;
        }

        var venues = await SelectAsync(loaded, request).ConfigureAwait(false);
        if (venues is null)
        {
            loaded.Dispose();
            return ExitCodes.NotStarted;
        }

        var ledger = loaded.Config.Ledger ?? LedgerConfig.Default;
        ILedgerStore store;
        try
        {
            store = await LedgerStores.OpenAsync(ledger, cancellationToken).ConfigureAwait(false);
        }
        catch (LedgerStoreException e)
        {
            loaded.Dispose();
            await services.Error.WriteLineAsync($"fluxum ledger sync: {e.Message}").ConfigureAwait(false);
            return ExitCodes.NotStarted;
        }

        await using (store.ConfigureAwait(false))
        {
            var plan = new FluxumHostPlan { Venues = planner => [.. venues.Select(v => planner.Plan(v, []))] };
            await using var host = CommandHost.Create(services, loaded, plan, cancellationToken);
            if (!await host.StartAsync(cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.NotStarted;
            }

            var outcomes = await SyncAsync(host, venues, store, ledger, request, cancellationToken).ConfigureAwait(false);
            await host.StopAsync().ConfigureAwait(false);
            var code = outcomes.Any(o => o.Error is not null) ? ExitCodes.DeploymentFailed
                : outcomes.All(o => o.Skipped is not null) ? ExitCodes.NotStarted
                : ExitCodes.Success;
            if (code == ExitCodes.NotStarted)
            {
                await services.Error.WriteLineAsync("fluxum ledger sync: no venue has a ledger to sync (it needs credentials, and a plugin with a ledger)").ConfigureAwait(false);
            }

            await LedgerOutput.WriteSyncAsync(services, store.Description, outcomes, request.Format, code).ConfigureAwait(false);
            return code;
        }
    }

    private async Task<IReadOnlyList<VenueConfig>?> SelectAsync(LoadedConfig loaded, LedgerSyncRequest request)
    {
        if (request.Venues.Count == 0)
        {
            if (loaded.Config.Venues.Count == 0)
            {
                await services.Error.WriteLineAsync($"fluxum ledger sync: {loaded.DisplayName} configures no venue").ConfigureAwait(false);
                return null;
            }

            return loaded.Config.Venues;
        }

        var selected = new List<VenueConfig>();
        foreach (var name in request.Venues)
        {
            if (loaded.Config.Venue(name) is not { } venue)
            {
                await services.Error.WriteLineAsync($"fluxum ledger sync: --venue {name}: {loaded.DisplayName} has no such venue; configured: {string.Join(", ", loaded.Config.Venues.Select(v => v.Name))}").ConfigureAwait(false);
                return null;
            }

            selected.Add(venue);
        }

        return selected;
    }

    private async Task<List<LedgerSyncOutcome>> SyncAsync(CommandHost host, IReadOnlyList<VenueConfig> venues, ILedgerStore store, LedgerConfig ledger, LedgerSyncRequest request, CancellationToken cancellationToken)
    {
        var sync = new LedgerSync(store);
        var outcomes = new List<LedgerSyncOutcome>();
        var ledgers = host.Deployment.Ledgers;
        foreach (var venue in venues)
        {
            if (host.Deployment.Deployment.Faults.FirstOrDefault(f => string.Equals(f.Venue, venue.Name, StringComparison.OrdinalIgnoreCase)) is { } fault)
            {
                outcomes.Add(new LedgerSyncOutcome(venue.Name, null, 0, Error: $"the venue did not start: {fault.Message}"));
                continue;
            }

            if (!ledgers.TryGetValue(venue.Name, out var found) || found is not HostLedger hostLedger)
            {
                var reason = "no ledger: the venue has no credentials, or its plugin no ledger client";
                if (request.Venues.Count > 0)
                {
                    await services.Error.WriteLineAsync($"error: venue {venue.Name}: {reason}").ConfigureAwait(false);
                    outcomes.Add(new LedgerSyncOutcome(venue.Name, null, 0, Error: reason));
                }
                else
                {
                    outcomes.Add(new LedgerSyncOutcome(venue.Name, null, 0, Skipped: reason));
                }

                continue;
            }

            var progress = new LedgerSyncProgress();
            try
            {
                var result = await sync.SyncAsync(venue.Name, hostLedger.Client, request.Since, ledger.Overlap, progress, cancellationToken).ConfigureAwait(false);
                outcomes.Add(new LedgerSyncOutcome(venue.Name, result, await store.CountAsync(venue.Name, CancellationToken.None).ConfigureAwait(false)));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await services.Error.WriteLineAsync($"error: venue {venue.Name}: ledger sync interrupted after {progress.Read} entries read, {progress.New} new; the next sync resumes").ConfigureAwait(false);
                outcomes.Add(Partial(venue.Name, progress, await store.CountAsync(venue.Name, CancellationToken.None).ConfigureAwait(false), "interrupted"));
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // A venue's refusal, a plugin fault or a store error costs this venue its sync, not the others'.
                await services.Error.WriteLineAsync($"error: venue {venue.Name}: ledger sync failed after {progress.Read} entries read, {progress.New} new: {e.Message}").ConfigureAwait(false);
                outcomes.Add(Partial(venue.Name, progress, await store.CountAsync(venue.Name, CancellationToken.None).ConfigureAwait(false), e.Message));
            }
        }

        return outcomes;
    }

    private static LedgerSyncOutcome Partial(string venue, LedgerSyncProgress progress, long stored, string error) =>
        new(venue, new LedgerSyncResult(venue, progress.Since, progress.Read, progress.New, progress.Pages), stored, Error: error);
}

/// <summary>One venue's line of the sync report.</summary>
/// <param name="Venue">The venue.</param>
/// <param name="Result">What was read and written (partial when <paramref name="Error"/> is set); null when nothing was tried.</param>
/// <param name="Stored">Entries of the venue in the store afterwards.</param>
/// <param name="Error">Why the venue's sync failed, or null.</param>
/// <param name="Skipped">Why the venue was not synced (not asked for by name and has no ledger), or null.</param>
internal sealed record LedgerSyncOutcome(string Venue, LedgerSyncResult? Result, long Stored, string? Error = null, string? Skipped = null);
