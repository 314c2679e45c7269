using Fluxum.Host.Configuration.Yaml;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>Reads one <c>venues.NAME</c> mapping.</summary>
internal static class VenueReader
{
    private static readonly Dictionary<string, VenueMode> Modes = new(StringComparer.Ordinal)
    {
        ["live"] = VenueMode.Live,
        ["simulated"] = VenueMode.Simulated,
        ["replay"] = VenueMode.Replay,
    };

    private static readonly Dictionary<string, ReplayPace> Paces = new(StringComparer.Ordinal)
    {
        ["fast"] = ReplayPace.Fast,
        ["recorded"] = ReplayPace.Recorded,
    };

    public static VenueConfig? Read(string name, YamlNode node, string path, ConfigReadContext ctx)
    {
        var d = ctx.Diagnostics;
        var map = ConfigMap.From(node, path, d, "plugin", "mode", "api", "instruments", "settings", "endpoints", "credentials", "replay", "record", "simulator", "subscriptions", "relay");
        if (map is null)
        {
            if (node is YamlScalar { IsNull: true })
            {
                d.Error(node, path, "empty venue; expected a mapping with at least plugin and mode");
            }

            return null;
        }

        var plugin = ConfigValues.String(map.Get("plugin"), map.PathOf("plugin"), d) ?? name;
        var modeNode = map.Require("mode", "live, simulated, replay or relay");
        var isRelay = modeNode is YamlScalar { Value: "relay" };
        var mode = isRelay ? VenueMode.Live : ConfigValues.OneOf(modeNode, map.PathOf("mode"), d, "mode", Modes);
        var relay = isRelay
            ? NatsReaders.ReadRelay(map.Require("relay", "{ nats: { url, stream }, venue: kraken }"), map.PathOf("relay"), name, d)
            : null;
        if (!isRelay && map.Get("relay") is { } strayRelay)
        {
            d.Error(strayRelay, map.PathOf("relay"), "relay is only for a venue with mode: relay");
        }
        var settings = ReadSettings(map.Get("settings"), map.PathOf("settings"), d);
        if (ConfigValues.String(map.Get("api"), map.PathOf("api"), d) is { } api)
        {
            settings["api"] = api;
        }

        ReadNestedSetting(map.Get("instruments"), "instruments", map.PathOf("instruments"), settings, d);

        var symbolPaths = new List<(Sdk.Symbol Symbol, string Path)>();
        var venue = new VenueConfig
        {
            Name = name,
            Plugin = plugin,
            // A bad mode is already an error; the venue is kept (as live, which adds no further checks)
            // so that books naming it do not report a misleading "unknown venue".
            Mode = mode ?? VenueMode.Live,
            Relay = relay,
            Settings = settings,
            Endpoints = ReadEndpoints(map.Get("endpoints"), map.PathOf("endpoints"), d),
            Credentials = CredentialsReader.Read(map.Get("credentials"), map.PathOf("credentials"), mode, ctx),
            Replay = ReadReplay(map, mode, ctx),
            RecordPath = ConfigValues.String(map.Get("record"), map.PathOf("record"), d) is { } record ? ctx.Resolve(record) : null,
            Simulator = ReadSimulator(map.Get("simulator"), map.PathOf("simulator"), d),
            Subscriptions = SubscriptionReader.Read(map.Get("subscriptions"), map.PathOf("subscriptions"), d, symbolPaths),
            SymbolPaths = symbolPaths,
        };
        map.Finish(k => SecretRules.IsSecretKey(k) ? SecretRules.InlineSecretMessage(k) : null);
        return venue;
    }

    private static Dictionary<string, string> ReadSettings(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not YamlMapping mapping)
        {
            ConfigMap.From(node, path, d, "any plugin setting: value");
            return settings;
        }

        foreach (var (key, value) in mapping.Entries)
        {
            var keyPath = ConfigPath.Child(path, key.Value);
            if (SecretRules.IsSecretKey(key.Value))
            {
                d.Error(key, keyPath, SecretRules.InlineSecretMessage(key.Value));
                continue;
            }

            // Kept so that the plugin's verdict on this value names its line (PluginSettingsCheck).
            d.Locate(keyPath, value);
            if (ConfigValues.String(value, keyPath, d) is { } text)
            {
                settings[key.Value] = text;
            }
        }

        return settings;
    }

    /// <summary>
    /// A plugin setting written as a mapping of mappings (<c>instruments: { BTC/USD: { price_decimals: 1 } }</c>):
    /// flattened into <see cref="VenueContext.Settings"/> as <c>instruments.BTC/USD.price_decimals</c>, each key's
    /// location kept under the same path below the venue, so the plugin's verdict on a value names its line.
    /// </summary>
    private static void ReadNestedSetting(YamlNode? node, string name, string path, Dictionary<string, string> settings, ConfigDiagnostics d)
    {
        var outer = ConfigMap.From(node, path, d, "any key: { field: value }");
        if (outer is null)
        {
            return;
        }

        foreach (var (key, value) in outer.Entries)
        {
            var keyPath = ConfigPath.Child(path, key.Value);
            if (value is not YamlMapping inner)
            {
                d.Error(value, keyPath, $"expected a mapping of fields (e.g. {{ price_decimals: 1, qty_decimals: 8 }}); found {value.KindName}");
                continue;
            }

            d.Locate(keyPath, inner);
            foreach (var (field, leaf) in inner.Entries)
            {
                var fieldPath = ConfigPath.Child(keyPath, field.Value);
                d.Locate(fieldPath, leaf);
                if (ConfigValues.String(leaf, fieldPath, d) is { } text)
                {
                    settings[$"{name}.{key.Value}.{field.Value}"] = text;
                }
            }
        }
    }

    private static Dictionary<string, Uri> ReadEndpoints(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var endpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (node is not YamlMapping mapping)
        {
            ConfigMap.From(node, path, d, "endpoint name: URI");
            return endpoints;
        }

        foreach (var (key, value) in mapping.Entries)
        {
            var keyPath = ConfigPath.Child(path, key.Value);
            var text = ConfigValues.String(value, keyPath, d);
            if (text is null)
            {
                d.Error(key, keyPath, "missing URI");
            }
            else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss" or "http" or "https"))
            {
                d.Error(value, keyPath, $"{ConfigText.Quote(text)} is not an absolute ws://, wss://, http:// or https:// URI");
            }
            else
            {
                endpoints[key.Value] = uri;
            }
        }

        return endpoints;
    }

    private static ReplayConfig? ReadReplay(ConfigMap venue, VenueMode? mode, ConfigReadContext ctx)
    {
        var d = ctx.Diagnostics;
        var node = venue.Get("replay");
        if (node is null)
        {
            if (mode == VenueMode.Replay)
            {
                d.Error(venue.Node, venue.Path, "mode replay needs replay: { file: frames.jsonl, pace: fast | recorded }");
            }

            return null;
        }

        var map = ConfigMap.From(node, venue.PathOf("replay"), d, "file", "pace");
        if (map is null)
        {
            return null;
        }

        var fileNode = map.Require("file", "the JSON-lines capture to play, relative to this file");
        var file = ConfigValues.String(fileNode, map.PathOf("file"), d);
        var pace = ConfigValues.OneOf(map.Get("pace"), map.PathOf("pace"), d, "pace", Paces) ?? ReplayPace.Fast;
        map.Finish();
        if (file is null)
        {
            return null;
        }

        var full = ctx.Resolve(file);
        if (mode == VenueMode.Replay && !File.Exists(full))
        {
            d.Error(fileNode!, map.PathOf("file"), $"replay file not found: {full}");
        }

        return new ReplayConfig(full, pace);
    }

    private static SimulatorConfig ReadSimulator(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var map = ConfigMap.From(node, path, d, "port", "seed", "tick", "load");
        if (map is null)
        {
            return SimulatorConfig.Default;
        }

        var port = ConfigValues.Int(map.Get("port"), map.PathOf("port"), d, 0, 65535);
        var seed = ConfigValues.Int(map.Get("seed"), map.PathOf("seed"), d);
        var tick = ConfigValues.Duration(map.Get("tick"), map.PathOf("tick"), d);
        var load = ReadLoad(map.Get("load"), map.PathOf("load"), d);
        map.Finish();
        return new SimulatorConfig(port ?? 0, seed, tick ?? SimulatorConfig.Default.Tick) { Load = load };
    }

    /// <summary><c>load: { rate: 10000, messages: 100000, settle: 500ms }</c>: the simulator's load mode.</summary>
    private static Sdk.Plugins.SimulatorLoad? ReadLoad(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var map = ConfigMap.From(node, path, d, "rate", "messages", "settle");
        if (map is null)
        {
            return null;
        }

        var rate = ConfigValues.Int(map.Require("rate", "frames per second on each connection (0: as fast as the socket takes)"), map.PathOf("rate"), d, 0, 10_000_000);
        var messages = ConfigValues.Int(map.Get("messages"), map.PathOf("messages"), d, 1);
        var settle = ConfigValues.Duration(map.Get("settle"), map.PathOf("settle"), d);
        map.Finish();
        var load = new Sdk.Plugins.SimulatorLoad { MessagesPerSecond = rate ?? 0, Messages = messages };
        return settle is { } s ? load with { Settle = s } : load;
    }
}
