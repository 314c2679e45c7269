using Fluxum.Host.Configuration.Yaml;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>Reads the document root into a <see cref="FluxumConfig"/>.</summary>
internal static class FluxumConfigReader
{
    public static FluxumConfig Read(YamlNode root, string sourcePath, ConfigReadContext ctx)
    {
        var d = ctx.Diagnostics;
        var config = new FluxumConfig { SourcePath = sourcePath };
        var map = ConfigMap.From(root, "", d, "plugin_dirs", "venues", "books", "scripts", "reconnect", "logging", "admin", "telemetry", "ledger", "publish");
        if (map is null)
        {
            if (root is YamlScalar { IsNull: true })
            {
                d.Error(root, "", "the file holds no settings; expected a mapping with plugin_dirs, venues, ...");
            }

            return config;
        }

        var pluginDirs = ReadPluginDirs(map.Get("plugin_dirs"), ctx);
        var venues = ReadVenues(map.Get("venues"), ctx);
        if (venues.Count > 0 && pluginDirs.Count == 0 && map.Get("plugin_dirs") is null)
        {
            d.Error(map.Node, "", "missing required key 'plugin_dirs' (folders holding plugins, relative to this file)");
        }

        config = config with
        {
            PluginDirs = pluginDirs,
            Venues = venues,
            Books = BooksReader.Read(map.Get("books"), "books", venues, d),
            Scripts = SectionReaders.ReadScripts(map.Get("scripts"), "scripts", ctx),
            Reconnect = SectionReaders.ReadReconnect(map.Get("reconnect"), "reconnect", d),
            Logging = SectionReaders.ReadLogging(map.Get("logging"), "logging", d),
            Admin = OperationsReaders.ReadAdmin(map.Get("admin"), "admin", d),
            Telemetry = OperationsReaders.ReadTelemetry(map.Get("telemetry"), "telemetry", d),
            Ledger = LedgerReader.Read(map.Get("ledger"), "ledger", ctx),
            Publish = NatsReaders.ReadPublish(map.Get("publish"), "publish", d),
        };
        map.Finish();
        return config with { Locations = new Dictionary<string, ConfigLocation>(d.Locations, StringComparer.Ordinal) };
    }

    private static List<string> ReadPluginDirs(YamlNode? node, ConfigReadContext ctx)
    {
        var dirs = new List<string>();
        var items = ConfigValues.List(node, "plugin_dirs", ctx.Diagnostics, "folders");
        for (var i = 0; i < items.Count; i++)
        {
            if (ConfigValues.String(items[i], ConfigPath.Item("plugin_dirs", i), ctx.Diagnostics) is { Length: > 0 } dir)
            {
                dirs.Add(ctx.Resolve(dir));
            }
        }

        return dirs;
    }

    private static List<VenueConfig> ReadVenues(YamlNode? node, ConfigReadContext ctx)
    {
        var venues = new List<VenueConfig>();
        if (node is not YamlMapping mapping)
        {
            ConfigMap.From(node, "venues", ctx.Diagnostics, "venue name: {plugin, mode, ...}");
            return venues;
        }

        ctx.Diagnostics.Locate("venues", mapping);
        foreach (var (key, value) in mapping.Entries)
        {
            var path = ConfigPath.Child("venues", key.Value);
            ctx.Diagnostics.Locate(path, value);
            if (VenueReader.Read(key.Value, value, path, ctx) is { } venue)
            {
                venues.Add(venue);
            }
        }

        return venues;
    }
}
