namespace Fluxum.Host.Scripting;

/// <summary>How scripts are compiled, cached and stopped.</summary>
internal sealed record ScriptRunnerOptions
{
    /// <summary>
    /// Where compiled scripts are kept. Default: <c>$FLUXUM_SCRIPT_CACHE</c>, else
    /// <c>$XDG_CACHE_HOME/fluxum/scripts</c>, else <c>~/.cache/fluxum/scripts</c>.
    /// </summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>
    /// A cached image not recompiled for this long is removed when another script is compiled (it is simply
    /// compiled again on its next use).
    /// </summary>
    public TimeSpan CacheRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How long a cancelled script may take to stop before it is abandoned.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The default cache directory from the environment.</summary>
    public static string DefaultCacheDirectory()
    {
        var explicitDir = Environment.GetEnvironmentVariable("FLUXUM_SCRIPT_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return explicitDir;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "fluxum", "scripts");
    }
}
