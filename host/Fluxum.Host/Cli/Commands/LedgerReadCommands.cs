using System.CommandLine;
using Fluxum.Host.Cli.Output;
using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Ledger;
using Fluxum.Sdk.Ledger;

namespace Fluxum.Host.Cli.Commands;

/// <summary><c>fluxum ledger query</c> and <c>fluxum ledger balances</c>: read the store, connect to no venue.</summary>
internal static class LedgerReadCommands
{
    public static Command Query(CliServices services)
    {
        var config = CommonOptions.Config();
        var venues = LedgerOptions.Venues("Only these venues (default: all).");
        var asset = new Option<string?>("--asset", "-a") { Description = "Only this asset (canonical: BTC, USD).", HelpName = "asset" };
        var type = new Option<string?>("--type", "-t") { Description = "Only this type: trade, deposit, withdrawal, fee, margin, adjustment, or the venue's own word (staking).", HelpName = "type" };
        var from = LedgerOptions.Time("--from", "Entries at or after this time.", services.Time);
        var to = LedgerOptions.Time("--to", "Entries at or before this time.", services.Time);
        var limit = new Option<int?>("--limit", "-n") { Description = "At most this many entries, newest first.", HelpName = "count" };
        limit.Validators.Add(result =>
        {
            if (result.GetValue(limit) is <= 0)
            {
                result.AddError("--limit must be at least 1.");
            }
        });
        var format = CommonOptions.Format("table or json (one document: { store, count, entries: [...] }, amounts as exact decimal strings).");
        var command = new Command("query", "Stored ledger entries, newest first.") { config, venues, asset, type, from, to, limit, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var query = new LedgerQuery
            {
                Asset = result.GetValue(asset),
                Type = result.GetValue(type) is { Length: > 0 } t ? LedgerOptions.ParseType(t) : null,
                Start = result.GetValue(from),
                End = result.GetValue(to),
                Limit = result.GetValue(limit),
            };
            return await WithStoreAsync(services, "query", result.GetValue(config)!.FullName, async (store, ct) =>
            {
                var names = result.GetValue(venues) ?? [];
                var entries = new List<LedgerEntry>();
                foreach (var venue in names.Length == 0 ? [null] : names.Cast<string?>())
                {
                    entries.AddRange(await store.QueryAsync(venue, query, ct).ConfigureAwait(false));
                }

                IReadOnlyList<LedgerEntry> ordered = [.. entries.OrderByDescending(e => e.Time).Take(query.Limit ?? int.MaxValue)];
                await LedgerOutput.WriteEntriesAsync(services, store.Description, ordered, CommonOptions.GetFormat(result, format)).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static Command Balances(CliServices services)
    {
        var config = CommonOptions.Config();
        var venues = LedgerOptions.Venues("Only these venues (default: all).");
        var format = CommonOptions.Format("table or json (one document: { store, balances: [{ venue, asset, balance, entries, asOf }] }).");
        var command = new Command("balances", "Balances by venue and asset from the stored ledger (the venue's balance after the newest entry that reports one, plus later amounts less fees).")
        {
            config,
            venues,
            format,
        };
        command.SetAction(async (result, cancellationToken) =>
            await WithStoreAsync(services, "balances", result.GetValue(config)!.FullName, async (store, ct) =>
            {
                var names = result.GetValue(venues) ?? [];
                var balances = new List<LedgerBalance>();
                foreach (var venue in names.Length == 0 ? [null] : names.Cast<string?>())
                {
                    balances.AddRange(await store.BalancesAsync(venue, ct).ConfigureAwait(false));
                }

                await LedgerOutput.WriteBalancesAsync(services, store.Description, balances, CommonOptions.GetFormat(result, format)).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false));
        return command;
    }

    /// <summary>Reads the config (venues' credentials need not be set), opens its store and runs <paramref name="read"/>; exit 1 when either cannot be used.</summary>
    private static async Task<int> WithStoreAsync(CliServices services, string name, string configPath, Func<ILedgerStore, CancellationToken, Task> read, CancellationToken cancellationToken)
    {
        var displayName = Path.GetRelativePath(Directory.GetCurrentDirectory(), configPath);
        var loaded = ConfigLoader.Load(displayName, services.ConfigOptions with { CheckEnvironment = false });
        if (!loaded.IsValid)
        {
            LoadedConfig.Report(loaded.Errors, loaded.MoreErrors, displayName, services.Error);
            return ExitCodes.NotStarted;
        }

        ILedgerStore store;
        try
        {
            store = await LedgerStores.OpenAsync(loaded.Config!.Ledger ?? LedgerConfig.Default, cancellationToken).ConfigureAwait(false);
        }
        catch (LedgerStoreException e)
        {
            await services.Error.WriteLineAsync($"fluxum ledger {name}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.NotStarted;
        }

        await using (store.ConfigureAwait(false))
        {
            await read(store, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }
}
