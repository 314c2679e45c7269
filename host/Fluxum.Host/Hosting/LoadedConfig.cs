using Fluxum.Host.Configuration;
using Fluxum.Host.Plugins;

namespace Fluxum.Host.Hosting;

/// <summary>
/// A configuration file read strictly, with its plugin catalog loaded and checked against it. Every
/// problem is printed (file:line:column: key path: message) and none of it connects anywhere.
/// </summary>
internal sealed class LoadedConfig : IDisposable
{
    private LoadedConfig(FluxumConfig config, PluginCatalog catalog, string displayName)
    {
        Config = config;
        Catalog = catalog;
        DisplayName = displayName;
    }

    /// <summary>The configuration.</summary>
    public FluxumConfig Config { get; }

    /// <summary>The plugins of its plugin directories.</summary>
    public PluginCatalog Catalog { get; }

    /// <summary>The file as named to the user.</summary>
    public string DisplayName { get; }

    /// <summary>Reads and checks <paramref name="path"/>; null (after printing every error) when it is not usable.</summary>
    public static LoadedConfig? Load(string path, ConfigLoadOptions options, TextWriter error)
    {
        var loaded = Read(path, options, error);
        if (loaded is null)
        {
            return null;
        }

        var problems = PluginConfigValidator.Validate(loaded.Config, loaded.Catalog, loaded.DisplayName);
        if (problems.Count > 0)
        {
            Report(problems, 0, loaded.DisplayName, error);
            loaded.Dispose();
            return null;
        }

        return loaded;
    }

    /// <summary>
    /// Reads <paramref name="path"/> strictly and loads its plugin catalog, without checking the venues against
    /// the plugins: a command's host does that when it starts (<see cref="FluxumConfigValidation"/>). Null (after
    /// printing every error) when the file is not usable.
    /// </summary>
    public static LoadedConfig? Read(string path, ConfigLoadOptions options, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var displayName = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        var loaded = ConfigLoader.Load(displayName, options);
        foreach (var warning in loaded.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        if (!loaded.IsValid)
        {
            Report(loaded.Errors, loaded.MoreErrors, displayName, error);
            return null;
        }

        var config = loaded.Config!;
        return new LoadedConfig(config, PluginCatalog.Load(PluginCatalog.WithBundled(config.PluginDirs)), displayName);
    }

    /// <summary>Prints <paramref name="errors"/> (file:line:column: key path: message) and that nothing was started.</summary>
    public static void Report(IReadOnlyList<ConfigError> errors, int more, string displayName, TextWriter error)
    {
        var total = ConfigErrorReport.Write(errors, more, error);
        error.WriteLine($"{displayName}: {total} error(s); nothing was started");
    }

    /// <inheritdoc />
    public void Dispose() => Catalog.Dispose();
}
