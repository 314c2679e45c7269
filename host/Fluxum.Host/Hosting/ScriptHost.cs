using Fluxum.Host.Configuration;
using Fluxum.Host.Scripting;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Hosting;

/// <summary>Compiles and supervises the scripts of a deployment.</summary>
internal sealed class ScriptHost(ILoggerFactory loggers, TimeProvider time)
{
    private readonly ScriptRunner _runner = new(new ScriptRunnerOptions(), loggers.CreateLogger<ScriptRunner>(), time);
    private long _running;
    private long _faults;

    /// <summary>Scripts running now.</summary>
    public long Running => Interlocked.Read(ref _running);

    /// <summary>Scripts that ended faulted or had to be abandoned (a script's exception, contained).</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>
    /// Compiles every script before anything connects. Prints each error as <c>file(line,col): error CS....: ...</c>
    /// and returns null when any script fails to compile.
    /// </summary>
    public async Task<IReadOnlyList<(ScriptConfig Config, CompiledScript Script)>?> CompileAsync(IReadOnlyList<ScriptConfig> scripts, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var results = await _runner.CompileAllAsync(scripts.Select(s => s.Path), cancellationToken).ConfigureAwait(false);
        var failed = false;
        var compiled = new List<(ScriptConfig, CompiledScript)>();
        for (var i = 0; i < results.Count; i++)
        {
            foreach (var diagnostic in results[i].Diagnostics)
            {
                await error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            if (results[i].Script is { } script)
            {
                compiled.Add((scripts[i], script));
            }
            else
            {
                failed = true;
            }
        }

        if (failed)
        {
            await error.WriteLineAsync("error: script compilation failed; nothing was started").ConfigureAwait(false);
            return null;
        }

        return compiled;
    }

    /// <summary>Runs the scripts against the market until each ends or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<IReadOnlyList<ScriptReport>> RunAsync(
        IReadOnlyList<(ScriptConfig Config, CompiledScript Script)> scripts,
        IMarketData market,
        IReadOnlyDictionary<string, ILedger> ledgers,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var prefix = scripts.Count > 1;
        var launches = scripts.Select(s => new ScriptLaunch(
            s.Script,
            new ScriptEnvironment(
                market,
                ledgers,
                loggers.CreateLogger($"script:{s.Script.Name}"),
                s.Config.Args,
                prefix ? PrefixedLineWriter.ForScript(output, s.Script.Name) : output,
                time))).ToList();
        var supervisor = new ScriptSupervisor(loggers.CreateLogger<ScriptSupervisor>());
        supervisor.ScriptEnded += report =>
        {
            Interlocked.Decrement(ref _running);
            if (!report.IsSuccess)
            {
                Interlocked.Increment(ref _faults);
            }
        };
        Interlocked.Add(ref _running, launches.Count);
        var reports = await supervisor.RunAsync(launches, cancellationToken).ConfigureAwait(false);
        foreach (var report in reports.Where(r => !r.IsSuccess))
        {
            await error.WriteLineAsync($"script {report.Name} ({report.Path}): {report.Outcome}").ConfigureAwait(false);
        }

        return reports;
    }
}
