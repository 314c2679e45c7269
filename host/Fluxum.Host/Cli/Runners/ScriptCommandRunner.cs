using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;

namespace Fluxum.Host.Cli.Runners;

/// <summary>
/// <c>fluxum script run path.csx [-- args]</c>: compiles the script (a compile error exits 1 before
/// anything connects), starts the config file's venues, and runs the script until it ends, Ctrl+C or
/// <c>--duration</c>. Exit 0 when the script completed or was cancelled, 1 when it failed.
/// </summary>
internal sealed class ScriptCommandRunner(CliServices services) : ICommandRunner<ScriptRunRequest>
{
    /// <inheritdoc />
    public async Task<int> RunAsync(ScriptRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (LoadedConfig.Read(request.ConfigPath, services.ConfigOptions, services.Error) is not { } loaded)
        {
            return ExitCodes.NotStarted;
        }

        var plan = new FluxumHostPlan { Venues = FluxumHostPlan.AllVenues(loaded.Config), Scripts = [new ScriptConfig(request.ScriptPath, request.Args)], KeepsLedger = true };
        await using var host = CommandHost.Create(services, loaded, plan, cancellationToken);
        if (!await host.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.NotStarted;
        }

        // The script ends by itself, or the host stops (Ctrl+C, --duration) and stopping it cancels the script.
        var scripts = host.Scripts!;
        await Task.WhenAny(scripts.Completion, Task.Delay(Timeout.Infinite, host.Lifetime.ApplicationStopping)).ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
        var reports = await scripts.Completion.ConfigureAwait(false);
        return reports.All(r => r.IsSuccess) ? 0 : 1;
    }
}
