using Fluxum.Host.Hosting;
using Fluxum.Host.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Fluxum.Host.Cli.Runners;

/// <summary>
/// <c>fluxum run</c>: the deployment of the config file. Scripts are compiled first (a compile error exits
/// 1 before anything connects), then every venue starts (one that cannot is reported, the others run),
/// then the configured scripts run until Ctrl+C or <c>--duration</c>. Without scripts, a status line per
/// venue is printed every few seconds. With <c>--format json</c> the final status is one JSON document on stdout
/// (<see cref="DeploymentSummaryJson"/>), no status line is printed, and the scripts' output goes to stderr.
/// </summary>
internal sealed class RunCommandRunner(CliServices services) : ICommandRunner<RunRequest>
{
    /// <inheritdoc />
    public async Task<int> RunAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (LoadedConfig.Read(request.ConfigPath, services.ConfigOptions, services.Error) is not { } loaded)
        {
            return ExitCodes.NotStarted;
        }

        var plan = new FluxumHostPlan { Venues = FluxumHostPlan.AllVenues(loaded.Config), Scripts = loaded.Config.Scripts, KeepsLedger = true };
        var json = request.Format == OutputFormat.Json;

        // JSON: stdout holds the final document only. The status lines are left out (the document replaces them) and
        // the scripts' output goes to stderr, beside the log lines.
        var operations = loaded.Config.Admin is not null || loaded.Config.Telemetry.OtlpEndpoint is not null;
        var live = request.Live && !json && Operations.Live.LiveView.CanDraw(services.Console);
        if (request.Live && !live)
        {
            await services.Error.WriteLineAsync(json
                ? "fluxum: --live is ignored with --format json (stdout holds the final document only)"
                : "fluxum: --live needs a terminal; the output is redirected, so status lines are printed instead").ConfigureAwait(false);
        }

        // The live view owns the terminal's stdout: the scripts' output and notes go to stderr, as with JSON.
        var running = json || live ? services with { Out = services.Error } : services;
        Action<IServiceCollection>? status = json && !operations ? null : s =>
        {
            if (live)
            {
                s.AddHostedService<LiveViewService>();
            }
            else if (!json)
            {
                s.AddHostedService<RunStatusService>();
            }

            if (operations)
            {
                OperationsService.Register(s, loaded.Config.Telemetry);
            }
        };
        await using var host = CommandHost.Create(running, loaded, plan, cancellationToken, status);
        try
        {
            if (!await host.StartAsync(cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.NotStarted;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // --duration ran out (or Ctrl+C came) while scripts compiled or venues started: say so, never exit silently.
            await services.Error.WriteLineAsync("fluxum: stopped before the deployment was running (--duration ran out or the command was cancelled while scripts compiled and venues started)").ConfigureAwait(false);
            return ExitCodes.NotStarted;
        }

        // Every venue done: replays played to their end, the others faulted. Without --duration the run then
        // ends by itself once no script is running; with it, the run waits the time it was given.
        var deployment = host.Deployment.Deployment;
        var stopping = host.Lifetime.ApplicationStopping;
        var venuesDone = Task.WhenAll(deployment.Venues.Select(v => v.Completion));
        if (host.Scripts is { } scripts)
        {
            await Task.WhenAny(scripts.Completion, Task.Delay(Timeout.Infinite, stopping)).ConfigureAwait(false);
        }

        if (!stopping.IsCancellationRequested)
        {
            // No scripts, or they ended by themselves: the venues run on until they end too (or the deadline).
            await WaitAsync(venuesDone, request.Duration is null, stopping).ConfigureAwait(false);
        }

        await host.StopAsync().ConfigureAwait(false);
        IReadOnlyList<Scripting.ScriptReport> reports = host.Scripts is { } ran ? await ran.Completion.ConfigureAwait(false) : [];
        var problems = Problems(deployment, reports);
        var exitCode = problems.Count == 0 ? ExitCodes.Success : ExitCodes.DeploymentFailed;
        if (json)
        {
            DeploymentSummaryJson.Write(loaded.DisplayName, deployment, reports, exitCode, problems, services.Out);
        }
        else
        {
            await services.Out.WriteLineAsync("fluxum: stopped. Final status:").ConfigureAwait(false);
            DeploymentSummary.Write(deployment, services.Out);
        }

        if (problems.Count > 0)
        {
            await services.Error.WriteLineAsync($"fluxum: the deployment did not do what it was asked ({string.Join("; ", problems)}); exit code {ExitCodes.DeploymentFailed}").ConfigureAwait(false);
        }

        return exitCode;
    }

    /// <summary>Waits for the host to stop, or (when <paramref name="endWithVenues"/>) for every venue to be done, whichever is first.</summary>
    private static async Task WaitAsync(Task venuesDone, bool endWithVenues, CancellationToken stopping)
    {
        var deadline = Task.Delay(Timeout.Infinite, stopping);
        await (endWithVenues ? Task.WhenAny(venuesDone, deadline) : deadline).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Why the run exits <see cref="ExitCodes.DeploymentFailed"/> instead of 0 (none: it did what it was asked): every
    /// venue faulted, a replay faulted, a recording could not be written, or a script faulted or had to be abandoned.
    /// </summary>
    private static List<string> Problems(Deployment deployment, IReadOnlyList<Scripting.ScriptReport> reports)
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

        return problems;
    }
}
