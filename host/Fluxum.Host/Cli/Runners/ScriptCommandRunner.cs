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
        await using var session = CommandSession.Open(services, request.ConfigPath);
        if (session is null)
        {
            return 1;
        }

        var compiled = await session.CompileAsync([new ScriptConfig(request.ScriptPath, request.Args)], cancellationToken).ConfigureAwait(false);
        if (compiled is null || !await session.StartAsync(cancellationToken).ConfigureAwait(false))
        {
            return 1;
        }

        var hosted = session.Hosted;
        var reports = await session.Scripts.RunAsync(compiled, hosted.Deployment.Hub, hosted.Ledgers, services.Out, services.Error, cancellationToken).ConfigureAwait(false);
        await hosted.Deployment.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return reports.All(r => r.IsSuccess) ? 0 : 1;
    }
}
