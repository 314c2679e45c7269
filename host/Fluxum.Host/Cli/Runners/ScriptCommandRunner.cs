using Fluxum.Host.Configuration;
using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;

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
        using var loaded = LoadedConfig.Load(request.ConfigPath, services.ConfigOptions, services.Error);
        if (loaded is null)
        {
            return 1;
        }

        using var loggers = HostLogging.Create(loaded.Config.Logging);
        var scripts = new ScriptHost(loggers, services.Time);
        var compiled = await scripts.CompileAsync([new ScriptConfig(request.ScriptPath, request.Args)], services.Error, cancellationToken).ConfigureAwait(false);
        if (compiled is null)
        {
            return 1;
        }

        await using var hosted = await HostedDeployment.StartAsync(
            loaded,
            planner => [.. loaded.Config.Venues.Select(v => planner.Plan(v))],
            DeploymentOptions.Default,
            loggers,
            services.Time,
            services.Error,
            cancellationToken).ConfigureAwait(false);
        if (hosted is null)
        {
            return 1;
        }

        var reports = await scripts.RunAsync(compiled, hosted.Deployment.Hub, hosted.Ledgers, services.Out, services.Error, cancellationToken).ConfigureAwait(false);
        await hosted.Deployment.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return reports.All(r => r.IsSuccess) ? 0 : 1;
    }
}
