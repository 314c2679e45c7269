using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Scripting;

/// <summary>Log messages of the script runner (event ids 6000-6099).</summary>
internal static partial class ScriptLog
{
    [LoggerMessage(6000, LogLevel.Debug, "Script {Path} loaded from the compile cache in {Milliseconds:0} ms")]
    public static partial void CacheHit(ILogger logger, string path, double milliseconds);

    [LoggerMessage(6001, LogLevel.Information, "Script {Path} compiled in {Milliseconds:0} ms, cached at {CachePath}")]
    public static partial void Compiled(ILogger logger, string path, double milliseconds, string cachePath);

    [LoggerMessage(6002, LogLevel.Warning, "Cached script image {CachePath} is unusable; recompiling")]
    public static partial void CacheUnusable(ILogger logger, Exception exception, string cachePath);

    [LoggerMessage(6003, LogLevel.Information, "Script {Name} started")]
    public static partial void Started(ILogger logger, string name);

    [LoggerMessage(6004, LogLevel.Information, "Script {Name} {Outcome}")]
    public static partial void Ended(ILogger logger, string name, string outcome);

    [LoggerMessage(6005, LogLevel.Error, "Script {Name} failed: {Message}\n{ScriptStackTrace}")]
    public static partial void Faulted(ILogger logger, Exception exception, string name, string message, string scriptStackTrace);

    [LoggerMessage(6006, LogLevel.Warning, "Script {Name} ignored cancellation for {GraceSeconds} s and was abandoned; it may still be running")]
    public static partial void Abandoned(ILogger logger, string name, double graceSeconds);

    [LoggerMessage(6007, LogLevel.Error, "Script {Name} failed after it was abandoned: {Message}")]
    public static partial void FaultedAfterAbandon(ILogger logger, Exception exception, string name, string message);

    [LoggerMessage(6008, LogLevel.Error, "A ScriptEnded handler failed for script {Name}")]
    public static partial void ReportHandlerFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(6009, LogLevel.Debug, "Removed {Count} expired script images from the compile cache")]
    public static partial void CachePruned(ILogger logger, int count);

    [LoggerMessage(6010, LogLevel.Warning, "Could not remove expired script image {Path}")]
    public static partial void CachePruneFailed(ILogger logger, Exception exception, string path);
}
