using System.CommandLine;
using Fluxum.Host.Cli.Runners;

namespace Fluxum.Host.Cli.Commands;

/// <summary><c>fluxum run [--config fluxum.yaml] [--duration 30s] [--format table|json] [--live]</c>.</summary>
internal static class RunCommand
{
    public static Command Create(CliServices services)
    {
        var config = CommonOptions.Config();
        var duration = CommonOptions.Duration();
        var format = CommonOptions.Format("table (the final status as text lines) or json (the final status as one JSON document on stdout; everything else on stderr).");
        var live = new Option<bool>("--live") { Description = "Draw a live view (sessions, books, best bid/offer, data-quality events) redrawn in place; on a redirected output the status lines are printed instead." };
        var command = new Command("run", "Run the deployment in the config file: venues, books and scripts, until Ctrl+C or --duration.")
        {
            config,
            duration,
            format,
            live,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = new RunRequest(result.GetValue(config)!.FullName, result.GetValue(duration)) { Format = CommonOptions.GetFormat(result, format), Live = result.GetValue(live) };
            using var deadline = new CommandDeadline(request.Duration, services.Time, cancellationToken);
            return await services.Run.RunAsync(request, deadline.Token).ConfigureAwait(false);
        });
        return command;
    }
}
