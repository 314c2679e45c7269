using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Scripting;

/// <summary>
/// Runs several scripts side by side, each contained: one that throws is reported (with its script stack
/// trace) and the others keep running; at shutdown each gets the grace period to stop, and one that ignores
/// it is abandoned and reported. Returns when every script has ended.
/// </summary>
internal sealed class ScriptSupervisor
{
    private readonly ILogger _logger;

    /// <summary>Creates a supervisor that logs each script's start and end.</summary>
    public ScriptSupervisor(ILogger<ScriptSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <summary>Raised as each script ends (from the thread that saw it end); handlers must be quick.</summary>
    public event Action<ScriptReport>? ScriptEnded;

    /// <summary>Runs <paramref name="launches"/> until each ends or <paramref name="cancellationToken"/> stops them.</summary>
    public async Task<IReadOnlyList<ScriptReport>> RunAsync(IReadOnlyList<ScriptLaunch> launches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(launches);
        var runs = new Task<ScriptReport>[launches.Count];
        for (var i = 0; i < launches.Count; i++)
        {
            runs[i] = RunOneAsync(launches[i], cancellationToken);
        }

        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    private async Task<ScriptReport> RunOneAsync(ScriptLaunch launch, CancellationToken cancellationToken)
    {
        var script = launch.Script;
        ScriptLog.Started(_logger, script.Name);
        var outcome = await script.RunAsync(launch.Environment, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case ScriptOutcome.Faulted faulted:
                ScriptLog.Faulted(_logger, faulted.Exception, script.Name, faulted.Exception.Message, faulted.ScriptStackTrace);
                break;
            case ScriptOutcome.Abandoned abandoned:
                ScriptLog.Abandoned(_logger, script.Name, abandoned.GracePeriod.TotalSeconds);
                break;
            default:
                ScriptLog.Ended(_logger, script.Name, outcome.ToString());
                break;
        }

        var report = new ScriptReport(script.Name, script.Path, outcome);
        try
        {
            ScriptEnded?.Invoke(report);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            ScriptLog.ReportHandlerFailed(_logger, ex, script.Name);
        }

        return report;
    }
}
