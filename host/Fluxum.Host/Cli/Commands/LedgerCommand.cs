using System.CommandLine;
using Fluxum.Host.Cli.Runners;

namespace Fluxum.Host.Cli.Commands;

/// <summary>
/// <c>fluxum ledger sync [--venue v] [--since t]</c>, <c>fluxum ledger query [--venue] [--asset] [--type] [--from] [--to]
/// [--limit] [--format table|json]</c> and <c>fluxum ledger balances [--venue] [--format]</c>: the ledger store
/// (<c>ledger:</c> in fluxum.yaml; SQLite under the user's data directory when the file has no such section).
/// </summary>
internal static class LedgerCommand
{
    public static Command Create(CliServices services) => new("ledger", "The account ledgers in a database: sync them from the venues, query them, sum them into balances.")
    {
        Sync(services),
        LedgerReadCommands.Query(services),
        LedgerReadCommands.Balances(services),
    };

    private static Command Sync(CliServices services)
    {
        var config = CommonOptions.Config();
        var venues = LedgerOptions.Venues("Only these venues (default: every configured venue with a ledger).");
        var since = LedgerOptions.Time("--since", "Read the venue's ledger from this time (default: from the last sync, less ledger.overlap; the whole ledger the first time).", services.Time);
        var format = CommonOptions.Format("table or json (one document: per venue read, new, stored, error).");
        var command = new Command("sync", "Pull each venue's ledger through its plugin into the ledger store: idempotent, and incremental from the last sync.")
        {
            config,
            venues,
            since,
            format,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = new LedgerSyncRequest(result.GetValue(config)!.FullName, result.GetValue(venues) ?? [], result.GetValue(since), CommonOptions.GetFormat(result, format));
            return await new LedgerSyncRunner(services).RunAsync(request, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
