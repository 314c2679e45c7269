namespace Fluxum.Host.Scripting;

/// <summary>
/// A compiled, runnable script. Each <see cref="RunAsync"/> is a fresh run with its own globals; the script
/// runs on the thread pool, so even a script that blocks before its first <c>await</c> cannot hold the caller.
/// </summary>
internal sealed class CompiledScript
{
    private readonly Func<object[], Task<object>> _factory;
    private readonly TimeSpan _gracePeriod;
    private readonly TimeProvider _time;

    internal CompiledScript(string path, Func<object[], Task<object>> factory, bool fromCache, TimeSpan gracePeriod, TimeProvider time)
    {
        Path = path;
        _factory = factory;
        FromCache = fromCache;
        _gracePeriod = gracePeriod;
        _time = time;
    }

    /// <summary>Full path of the script file.</summary>
    public string Path { get; }

    /// <summary>The file name without extension (<c>aggregate</c>), for logs.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>True when the image came from the compile cache (the compiler did not run).</summary>
    public bool FromCache { get; }

    /// <summary>
    /// Runs the script until it returns, throws, or <paramref name="cancellationToken"/> fires; after the
    /// token fires the script has the grace period to stop before it is <see cref="ScriptOutcome.Abandoned"/>.
    /// Never throws for anything the script does.
    /// </summary>
    public async Task<ScriptOutcome> RunAsync(ScriptEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var globals = new ScriptGlobals(environment, cancellationToken);
        var submissions = new object[] { globals, null! };
        var run = Task.Run(() => _factory(submissions), CancellationToken.None);
        await WhenDoneOrCancelledAsync(run, cancellationToken).ConfigureAwait(false);
        if (!run.IsCompleted)
        {
            using var graceOver = new CancellationTokenSource(_gracePeriod, _time);
            await WhenDoneOrCancelledAsync(run, graceOver.Token).ConfigureAwait(false);
            if (!run.IsCompleted)
            {
                _ = ObserveAbandonedAsync(run, globals, environment);
                return new ScriptOutcome.Abandoned(_gracePeriod);
            }
        }

        try
        {
            return new ScriptOutcome.Completed(await run.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ScriptOutcome.Cancelled();
        }
        catch (OperationCanceledException) when (globals.DeadlinePassed())
        {
            return new ScriptOutcome.Completed(null);
        }
        catch (Exception ex)
        {
            return new ScriptOutcome.Faulted(ex, ScriptStackTrace.Format(ex));
        }
        finally
        {
            globals.ReleaseTimers();
        }
    }

    /// <summary>Reports what an abandoned script finally does, so its end (or fault) is not lost.</summary>
    private async Task ObserveAbandonedAsync(Task<object> run, ScriptGlobals globals, ScriptEnvironment environment)
    {
        try
        {
            await run.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ScriptLog.FaultedAfterAbandon(environment.Log, ex, Name, ex.Message);
        }
        finally
        {
            globals.ReleaseTimers();
        }
    }

    private static async Task WhenDoneOrCancelledAsync(Task run, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() => cancelled.TrySetResult()).ConfigureAwait(false);
        await Task.WhenAny(run, cancelled.Task).ConfigureAwait(false);
    }
}
