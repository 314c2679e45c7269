using System.CommandLine;
using Fluxum.Host.Cli.Runners;

namespace Fluxum.Host.Cli.Commands;

/// <summary><c>fluxum simulate kraken|gemini --port N [--seed N] [--duration 30s] [--config]</c>.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliServices services)
    {
        var plugin = new Argument<string>("plugin") { Description = "The plugin whose venue simulator to serve (e.g. kraken, gemini)." };
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one).", Required = true, HelpName = "port" };
        var seed = new Option<int?>("--seed") { Description = "Random seed, for reproducible data.", HelpName = "seed" };
        var config = CommonOptions.Config();
        var duration = CommonOptions.Duration();
        var command = new Command("simulate", "Serve a venue simulator on 127.0.0.1 until Ctrl+C or --duration.") { plugin, port, seed, config, duration };
        command.Validators.Add(result =>
        {
            if (result.GetValue(port) is < 0 or > 65535)
            {
                result.AddError($"--port must be between 0 and 65535, got {result.GetValue(port)}.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = new SimulateRequest(result.GetValue(plugin)!, result.GetValue(port), result.GetValue(seed), result.GetValue(config)!.FullName);
            using var deadline = new CommandDeadline(result.GetValue(duration), services.Time, cancellationToken);
            return await services.Simulate.RunAsync(request, deadline.Token).ConfigureAwait(false);
        });
        return command;
    }
}
