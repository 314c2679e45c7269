using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;

namespace Fluxum.Host.Cli.Runners;

/// <summary>
/// <c>fluxum run</c>: the deployment of the config file. Scripts are compiled first (a compile error exits
/// 1 before anything connects), then every venue starts (one that cannot is reported, the others run),
/// then the configured scripts run until Ctrl+C or <c>--duration</c>. Without scripts, a status line per
/// venue is printed every few seconds.
/// </summary>
internal sealed class RunCommandRunner(CliServices services) : ICommandRunner<RunRequest>
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<int> RunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var session = CommandSession.Open(services, request.ConfigPath);
        if (session is null)
        {
            return 1;
        }

        IReadOnlyList<(Configuration.ScriptConfig Config, Scripting.CompiledScript Script)>? compiled;
        try
        {
            compiled = await session.CompileAsync(session.Loaded.Config.Scripts, cancellationToken).ConfigureAwait(false);
            if (compiled is null || !await session.StartAsync(cancellationToken).ConfigureAwait(false))
            {
                return 1;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // --duration ran out (or Ctrl+C came) while scripts compiled or venues started: say so, never exit silently.
            await services.Error.WriteLineAsync("fluxum: stopped before the deployment was running (--duration ran out or the command was cancelled while scripts compiled and venues started)").ConfigureAwait(false);
            return 1;
        }

        var hosted = session.Hosted;
        var loaded = session.Loaded;
        var scripts = session.Scripts;
        var deployment = hosted.Deployment;
        await services.Out.WriteLineAsync(
            $"fluxum: {loaded.DisplayName}: {deployment.Venues.Count(v => v.Fault is null)} venue(s) running, {compiled.Count} script(s)").ConfigureAwait(false);
        var work = new List<Task>
        {
            Task.WhenAll(deployment.Venues.Select(v => v.Completion)).WaitAsync(cancellationToken),
        };
        if (compiled.Count > 0)
        {
            work.Add(scripts.RunAsync(compiled, deployment.Hub, hosted.Ledgers, services.Out, services.Error, cancellationToken));
        }
        else
        {
            work.Add(ReportStatusAsync(deployment, cancellationToken));
        }

        await Task.WhenAll(work).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await deployment.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await services.Out.WriteLineAsync("fluxum: stopped. Final status:").ConfigureAwait(false);
        DeploymentSummary.Write(deployment, services.Out);
        return 0;
    }

    private async Task ReportStatusAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(StatusInterval, services.Time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            DeploymentSummary.Write(deployment, services.Out);
        }
    }
}
