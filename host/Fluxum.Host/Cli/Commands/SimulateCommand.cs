using System.CommandLine;
using Fluxum.Host.Cli.Runners;

namespace Fluxum.Host.Cli.Commands;

/// <summary><c>fluxum simulate kraken|gemini --port N [--seed N] [--fault drop@5s,...] [--duration 30s] [--config]</c>.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliServices services)
    {
        var plugin = new Argument<string>("plugin") { Description = "The plugin whose venue simulator to serve (e.g. kraken, gemini)." };
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one).", Required = true, HelpName = "port" };
        var seed = new Option<int?>("--seed") { Description = "Random seed, for reproducible data.", HelpName = "seed" };
        var fault = new Option<string[]>("--fault")
        {
            Description = "Faults to inject, e.g. drop@5s,corrupt-checksum@every:10s (repeatable): " + Simulation.SimulatorFaultPlan.Syntax,
            HelpName = "schedule",
            AllowMultipleArgumentsPerToken = false,
        };
        var config = CommonOptions.Config();
        var duration = CommonOptions.Duration();
        var command = new Command("simulate", "Serve a venue simulator on 127.0.0.1 until Ctrl+C or --duration.") { plugin, port, seed, fault, config, duration };
        command.Validators.Add(result =>
        {
            if (result.GetValue(port) is < 0 or > 65535)
            {
                result.AddError($"--port must be between 0 and 65535, got {result.GetValue(port)}.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var faults = result.GetValue(fault) is { Length: > 0 } given ? string.Join(',', given) : null;
            var request = new SimulateRequest(result.GetValue(plugin)!, result.GetValue(port), result.GetValue(seed), result.GetValue(config)!.FullName, faults);
            using var deadline = new CommandDeadline(result.GetValue(duration), services.Time, cancellationToken);
            return await services.Simulate.RunAsync(request, deadline.Token).ConfigureAwait(false);
        });
        return command;
    }
}
