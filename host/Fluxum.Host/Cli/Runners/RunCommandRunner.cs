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
        var deployment = hosted.Deployment;
        await services.Out.WriteLineAsync(
            $"fluxum: {loaded.DisplayName}: {deployment.Venues.Count(v => v.Fault is null)} venue(s) running, {compiled.Count} script(s)").ConfigureAwait(false);

        // Every venue done: replays played to their end, the others faulted. Without --duration the run then
        // ends by itself once no script is running; with it, the run waits the time it was given.
        var venuesDone = Task.WhenAll(deployment.Venues.Select(v => v.Completion));
        IReadOnlyList<Scripting.ScriptReport> reports = [];
        if (compiled.Count > 0)
        {
            reports = await session.Scripts.RunAsync(compiled, deployment.Hub, hosted.Ledgers, services.Out, services.Error, cancellationToken).ConfigureAwait(false);
            if (!cancellationToken.IsCancellationRequested)
            {
                // The scripts ended by themselves; the venues run on until they end too (or the deadline).
                await WaitAsync(venuesDone, request.Duration is null, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            using var status = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var reporting = ReportStatusAsync(deployment, status.Token);
            await WaitAsync(venuesDone, request.Duration is null, cancellationToken).ConfigureAwait(false);
            await status.CancelAsync().ConfigureAwait(false);
            await reporting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await deployment.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await services.Out.WriteLineAsync("fluxum: stopped. Final status:").ConfigureAwait(false);
        DeploymentSummary.Write(deployment, services.Out);
        return await ExitCodeAsync(deployment, reports).ConfigureAwait(false);
    }

    /// <summary>Waits for the deadline, or (when <paramref name="endWithVenues"/>) for every venue to be done, whichever is first.</summary>
    private static async Task WaitAsync(Task venuesDone, bool endWithVenues, CancellationToken cancellationToken)
    {
        var deadline = Task.Delay(Timeout.Infinite, cancellationToken);
        await (endWithVenues ? Task.WhenAny(venuesDone, deadline) : deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// 0 when the deployment did what it was asked; <see cref="ExitCodes.DeploymentFailed"/> (said why on stderr)
    /// when every venue faulted, a replay faulted, a recording could not be written, or a script faulted or had
    /// to be abandoned.
    /// </summary>
    private async Task<int> ExitCodeAsync(Deployment deployment, IReadOnlyList<Scripting.ScriptReport> reports)
    {
        var problems = new List<string>();
        if (deployment.Venues.Count > 0 && deployment.Venues.All(v => v.Status == VenueRuntimeStatus.Faulted))
        {
            problems.Add("every venue faulted");
        }
        else if (deployment.Venues.Any(v => v.Mode == Sdk.Plugins.VenueMode.Replay && v.Status == VenueRuntimeStatus.Faulted))
        {
            problems.Add($"replay faulted: {string.Join(", ", deployment.Venues.Where(v => v.Mode == Sdk.Plugins.VenueMode.Replay && v.Status == VenueRuntimeStatus.Faulted).Select(v => v.Venue))}");
        }

        if (deployment.Recordings.Where(r => r.Failure is not null).Select(r => r.Path).ToList() is { Count: > 0 } lost)
        {
            problems.Add($"recording failed: {string.Join(", ", lost)}");
        }

        var failed = reports.Where(r => !r.IsSuccess).Select(r => r.Name).ToList();
        if (failed.Count > 0)
        {
            problems.Add($"script(s) failed: {string.Join(", ", failed)}");
        }

        if (problems.Count == 0)
        {
            return ExitCodes.Success;
        }

        await services.Error.WriteLineAsync($"fluxum: the deployment did not do what it was asked ({string.Join("; ", problems)}); exit code {ExitCodes.DeploymentFailed}").ConfigureAwait(false);
        return ExitCodes.DeploymentFailed;
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
