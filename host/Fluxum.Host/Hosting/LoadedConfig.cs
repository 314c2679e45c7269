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
        var catalog = PluginCatalog.Load(config.PluginDirs);
        var problems = PluginConfigValidator.Validate(config, catalog, displayName);
        if (problems.Count > 0)
        {
            Report(problems, 0, displayName, error);
            catalog.Dispose();
            return null;
        }

        return new LoadedConfig(config, catalog, displayName);
    }

    /// <inheritdoc />
    public void Dispose() => Catalog.Dispose();

    private static void Report(IReadOnlyList<ConfigError> errors, int more, string displayName, TextWriter error)
    {
        var total = ConfigErrorReport.Write(errors, more, error);
        error.WriteLine($"{displayName}: {total} error(s); nothing was started");
    }
}
