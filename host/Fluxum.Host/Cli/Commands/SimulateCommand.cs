using System.CommandLine;
using Fluxum.Host.Cli.Runners;

namespace Fluxum.Host.Cli.Commands;

/// <summary><c>fluxum simulate kraken|gemini --port N [--seed N] [--fault drop@5s,...] [--load RATE [--load-messages N]] [--duration 30s] [--config]</c>.</summary>
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
        var load = new Option<int?>("--load")
        {
            Description = "Load mode: protocol-exact frames at this rate (frames/s on each connection; 0: as fast as the socket takes) for what each connection subscribes, each stamped with its send time.",
            HelpName = "rate",
        };
        var loadMessages = new Option<long?>("--load-messages") { Description = "With --load: frames each connection gets before the load stops.", HelpName = "count" };
        var loadSettle = new Option<TimeSpan?>("--load-settle")
        {
            Description = "With --load: how long a connection must be quiet after its subscriptions before its load starts (default 500ms).",
            HelpName = "duration",
            CustomParser = CommonOptions.ParseDuration,
        };
        var config = CommonOptions.Config();
        var duration = CommonOptions.Duration();
        var command = new Command("simulate", "Serve a venue simulator on 127.0.0.1 until Ctrl+C or --duration.") { plugin, port, seed, fault, load, loadMessages, loadSettle, config, duration };
        command.Validators.Add(result =>
        {
            if (result.GetValue(port) is < 0 or > 65535)
            {
                result.AddError($"--port must be between 0 and 65535, got {result.GetValue(port)}.");
            }

            if (result.GetValue(load) is < 0)
            {
                result.AddError($"--load must be 0 (as fast as the socket takes) or a rate in frames per second, got {result.GetValue(load)}.");
            }

            if (result.GetValue(loadSettle) is not null && result.GetValue(load) is null)
            {
                result.AddError("--load-settle needs --load.");
            }

            if (result.GetValue(loadMessages) is { } count && (count < 1 || result.GetValue(load) is null))
            {
                result.AddError(count < 1 ? $"--load-messages must be at least 1, got {count}." : "--load-messages needs --load.");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var faults = result.GetValue(fault) is { Length: > 0 } given ? string.Join(',', given) : null;
            var loadMode = result.GetValue(load) is { } rate ? new Sdk.Plugins.SimulatorLoad { MessagesPerSecond = rate, Messages = result.GetValue(loadMessages) } : null;
            if (loadMode is not null && result.GetValue(loadSettle) is { } settle)
            {
                loadMode = loadMode with { Settle = settle };
            }

            var request = new SimulateRequest(result.GetValue(plugin)!, result.GetValue(port), result.GetValue(seed), result.GetValue(config)!.FullName, faults) { Load = loadMode };
            using var deadline = new CommandDeadline(result.GetValue(duration), services.Time, cancellationToken);
            return await services.Simulate.RunAsync(request, deadline.Token).ConfigureAwait(false);
        });
        return command;
    }
}
