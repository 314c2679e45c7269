using Fluxum.Host.Cli;
using Fluxum.Host.Configuration;
using Fluxum.Host.Scripting;
using Microsoft.Extensions.Hosting;

namespace Fluxum.Host.Hosting;

/// <summary>
/// The command's scripts as a hosted service. They compile while the host is starting, before any
/// venue connects (a compile error fails the start, every diagnostic on stderr); once the venues run they
/// run against the deployment's market and ledgers until each ends or the host stops.
/// </summary>
internal sealed class ScriptService(ScriptHost scripts, FluxumHostPlan plan, DeploymentService deployment, CliServices cli) : BackgroundService, IHostedLifecycleService
{
    private readonly TaskCompletionSource<IReadOnlyList<ScriptReport>> _reports = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<(ScriptConfig Config, CompiledScript Script)>? _compiled;

    /// <summary>How many scripts compiled (all of them, once the host has started).</summary>
    public int Count => _compiled?.Count ?? 0;

    /// <summary>How each script ended; completes when every script has (by itself or because the host stopped).</summary>
    public Task<IReadOnlyList<ScriptReport>> Completion => _reports.Task;

    /// <summary>Compiles every script; runs before any hosted service starts, so nothing connects if one fails.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        _compiled = await scripts.CompileAsync(plan.Scripts, cli.Error, cancellationToken).ConfigureAwait(false);
        if (_compiled is null)
        {
            throw new CommandNotStartedException("script compilation failed");
        }
    }

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var hosted = deployment.Hosted;
            var compiled = _compiled ?? throw new InvalidOperationException("the scripts were not compiled");
            _reports.TrySetResult(await scripts.RunAsync(compiled, hosted.Deployment.Hub, hosted.Ledgers, cli.Out, cli.Error, stoppingToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in the supervision (scripts' own faults are reports): the command sees it through Completion.
            _reports.TrySetException(e);
            throw;
        }
    }
}
