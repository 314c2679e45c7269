using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Scripting;

/// <summary>
/// Compiles <c>.csx</c> scripts once: the image is cached on disk by the content hash of the script, every
/// file it <c>#load</c>s and the host/SDK build, so a second start loads it without the compiler. Compiling
/// is a separate step from running, so the host can refuse a broken script before connecting to anything.
/// </summary>
internal sealed class ScriptRunner
{
    private readonly ScriptRunnerOptions _options;
    private readonly ScriptCache _cache;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _salt;

    /// <summary>Creates a runner.</summary>
    public ScriptRunner(ScriptRunnerOptions options, ILogger<ScriptRunner> logger, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GracePeriod, TimeSpan.Zero, "ScriptRunnerOptions.GracePeriod");
        _options = options;
        _cache = new ScriptCache(options.CacheDirectory);
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _salt = string.Join(
            '|',
            "fluxum-script-v1",
            Environment.Version,
            typeof(ScriptGlobals).Assembly.ManifestModule.ModuleVersionId,
            typeof(Sdk.Symbol).Assembly.ManifestModule.ModuleVersionId);
    }

    /// <summary>
    /// Compiles the script at <paramref name="path"/> (or loads it from the cache). Never throws for a bad
    /// script: a missing file or a compile error comes back as <see cref="ScriptCompileResult.Diagnostics"/>.
    /// </summary>
    public async Task<ScriptCompileResult> CompileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var started = _time.GetTimestamp();
        ScriptSourceSet sources;
        try
        {
            sources = await ScriptSourceSet.ReadAsync(path, _salt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            var diagnostic = new ScriptDiagnostic(Path.GetFullPath(path), 1, 1, "FLX0001", $"Cannot read the script: {ex.Message}");
            return new ScriptCompileResult { Diagnostics = [diagnostic] };
        }

        var name = $"{Path.GetFileNameWithoutExtension(sources.MainPath)}-{sources.Hash[..16]}";
        var cached = await TryLoadCachedAsync(sources, name, cancellationToken).ConfigureAwait(false);
        if (cached is not null)
        {
            ScriptLog.CacheHit(_logger, sources.MainPath, _time.GetElapsedTime(started).TotalMilliseconds);
            return new ScriptCompileResult { Script = new CompiledScript(sources.MainPath, cached, fromCache: true, _options.GracePeriod, _time) };
        }

        var (image, diagnostics) = await Task.Run(() => ScriptCompiler.Compile(sources, name, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (image is null)
        {
            return new ScriptCompileResult { Diagnostics = diagnostics };
        }

        await _cache.StoreAsync(sources.Hash, image, cancellationToken).ConfigureAwait(false);
        PruneCache();
        var factory = ScriptImage.Load(image, name);
        ScriptLog.Compiled(_logger, sources.MainPath, _time.GetElapsedTime(started).TotalMilliseconds, _cache.PathOf(sources.Hash));
        return new ScriptCompileResult
        {
            Script = new CompiledScript(sources.MainPath, factory, fromCache: false, _options.GracePeriod, _time),
            Diagnostics = diagnostics,
        };
    }

    /// <summary>
    /// Compiles every script before any runs, so the host can refuse the whole set (and exit non-zero without
    /// connecting) when one is broken. Results are in the order of <paramref name="paths"/>.
    /// </summary>
    public async Task<IReadOnlyList<ScriptCompileResult>> CompileAllAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new List<ScriptCompileResult>();
        foreach (var path in paths)
        {
            results.Add(await CompileAsync(path, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private void PruneCache()
    {
        var now = _time.GetUtcNow();
        var (removed, failed) = _cache.Prune(now - _options.CacheRetention, now);
        if (removed > 0)
        {
            ScriptLog.CachePruned(_logger, removed);
        }

        foreach (var (path, error) in failed)
        {
            ScriptLog.CachePruneFailed(_logger, error, path);
        }
    }

    private async Task<Func<object[], Task<object>>?> TryLoadCachedAsync(ScriptSourceSet sources, string name, CancellationToken cancellationToken)
    {
        var image = await _cache.TryReadAsync(sources.Hash, cancellationToken).ConfigureAwait(false);
        if (image is null)
        {
            return null;
        }

        try
        {
            return ScriptImage.Load(image, name);
        }
        catch (BadImageFormatException ex)
        {
            ScriptLog.CacheUnusable(_logger, ex, _cache.PathOf(sources.Hash));
            _cache.Evict(sources.Hash);
            return null;
        }
    }
}
