using Fluxum.Host.Configuration;

namespace Fluxum.Host.Cli.Commands;

/// <summary>Which plugin directories a command searches: <c>--plugin-dir</c>, else the config's <c>plugin_dirs</c>.</summary>
internal static class PluginDirectories
{
    /// <summary>The directories, or null after printing why none could be determined.</summary>
    public static IReadOnlyList<string>? Resolve(DirectoryInfo[]? explicitDirs, FileInfo config, CliServices services)
    {
        if (explicitDirs is { Length: > 0 })
        {
            return [.. explicitDirs.Select(d => d.FullName)];
        }

        var loaded = ConfigLoader.Load(config.FullName, services.ConfigOptions with { CheckEnvironment = false });
        if (!loaded.IsValid)
        {
            foreach (var error in loaded.Errors)
            {
                services.Error.WriteLine(error);
            }

            services.Error.WriteLine("cannot read plugin_dirs from the config file; fix it or pass --plugin-dir");
            return null;
        }

        return loaded.Config!.PluginDirs;
    }
}
