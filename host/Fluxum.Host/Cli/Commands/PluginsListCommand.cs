using System.CommandLine;
using Fluxum.Host.Cli.Runners;
using Fluxum.Host.Plugins;

namespace Fluxum.Host.Cli.Commands;

/// <summary><c>fluxum plugins list [--config fluxum.yaml] [--plugin-dir DIR] [--format table|json]</c>.</summary>
internal static class PluginsListCommand
{
    public static Command Create(CliServices services)
    {
        var config = CommonOptions.Config();
        var dirs = new Option<DirectoryInfo[]>("--plugin-dir")
        {
            Description = "Plugin directory to search instead of the config file's plugin_dirs (repeatable).",
            HelpName = "dir",
        };
        var format = CommonOptions.Format("table (for people) or json.");
        var list = new Command("list", "List the plugins found under the plugin directories, with faulted ones and their error.") { config, dirs, format };
        list.SetAction(result =>
        {
            var directories = PluginDirectories.Resolve(result.GetValue(dirs), result.GetValue(config)!, services);
            if (directories is null)
            {
                return 1;
            }

            using var catalog = PluginCatalog.Load(PluginCatalog.WithBundled(directories));
            if (CommonOptions.GetFormat(result, format) == OutputFormat.Json)
            {
                PluginListRenderer.WriteJson(catalog, services.Out);
            }
            else
            {
                PluginListRenderer.WriteTable(catalog, services.Console);
            }

            return 0;
        });
        return new Command("plugins", "Exchange plugins.") { list };
    }
}
