using Fluxum.Host.Configuration.Yaml;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>Reads the small top-level sections: <c>reconnect</c>, <c>logging</c>, <c>scripts</c>.</summary>
internal static class SectionReaders
{
    private static readonly Dictionary<string, LogLevel> Levels = new(StringComparer.Ordinal)
    {
        ["trace"] = LogLevel.Trace,
        ["debug"] = LogLevel.Debug,
        ["information"] = LogLevel.Information,
        ["info"] = LogLevel.Information,
        ["warning"] = LogLevel.Warning,
        ["warn"] = LogLevel.Warning,
        ["error"] = LogLevel.Error,
        ["critical"] = LogLevel.Critical,
        ["none"] = LogLevel.None,
    };

    private static readonly Dictionary<string, LogFormat> Formats = new(StringComparer.Ordinal)
    {
        ["text"] = LogFormat.Text,
        ["json"] = LogFormat.Json,
    };

    public static ReconnectPolicy ReadReconnect(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var defaults = ReconnectPolicy.Default;
        var map = ConfigMap.From(node, path, d, "max_attempts", "initial_backoff", "max_backoff", "multiplier", "jitter", "watchdog");
        if (map is null)
        {
            return defaults;
        }

        var policy = new ReconnectPolicy
        {
            MaxAttempts = ConfigValues.Int(map.Get("max_attempts"), map.PathOf("max_attempts"), d, min: 0) ?? defaults.MaxAttempts,
            InitialBackoff = ConfigValues.Duration(map.Get("initial_backoff"), map.PathOf("initial_backoff"), d) ?? defaults.InitialBackoff,
            MaxBackoff = ConfigValues.Duration(map.Get("max_backoff"), map.PathOf("max_backoff"), d) ?? defaults.MaxBackoff,
            Multiplier = ConfigValues.Number(map.Get("multiplier"), map.PathOf("multiplier"), d, 1, 100) ?? defaults.Multiplier,
            Jitter = ReadJitter(map.Get("jitter"), map.PathOf("jitter"), d) ?? defaults.Jitter,
            WatchdogTimeout = ConfigValues.Duration(map.Get("watchdog"), map.PathOf("watchdog"), d) ?? defaults.WatchdogTimeout,
        };
        map.Finish();
        if (policy.InitialBackoff > policy.MaxBackoff)
        {
            d.Error(map.Get("initial_backoff") ?? map.Node, map.PathOf("initial_backoff"),
                $"initial_backoff ({Sdk.MarketData.Intervals.Format(policy.InitialBackoff)}) is longer than max_backoff ({Sdk.MarketData.Intervals.Format(policy.MaxBackoff)})");
        }

        return policy;
    }

    public static LoggingConfig ReadLogging(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var map = ConfigMap.From(node, path, d, "level", "categories", "format");
        if (map is null)
        {
            return LoggingConfig.Default;
        }

        var level = ConfigValues.OneOf(map.Get("level"), map.PathOf("level"), d, "log level", Levels) ?? LogLevel.Information;
        var format = ConfigValues.OneOf(map.Get("format"), map.PathOf("format"), d, "log format", Formats) ?? LogFormat.Text;
        var categories = new Dictionary<string, LogLevel>(StringComparer.Ordinal);
        var catNode = map.Get("categories");
        if (catNode is YamlMapping cats)
        {
            foreach (var (key, value) in cats.Entries)
            {
                if (ConfigValues.OneOf(value, ConfigPath.Child(map.PathOf("categories"), key.Value), d, "log level", Levels) is { } l)
                {
                    categories[key.Value] = l;
                }
            }
        }
        else
        {
            ConfigMap.From(catNode, map.PathOf("categories"), d, "category: level");
        }

        map.Finish();
        return new LoggingConfig(level, categories) { Format = format };
    }

    public static IReadOnlyList<ScriptConfig> ReadScripts(YamlNode? node, string path, ConfigReadContext ctx)
    {
        var d = ctx.Diagnostics;
        var scripts = new List<ScriptConfig>();
        var items = ConfigValues.List(node, path, d, "script paths (or {path, args})");
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = ConfigPath.Item(path, i);
            YamlNode? pathNode = items[i];
            var args = new List<string>();
            if (items[i] is YamlMapping)
            {
                var map = ConfigMap.From(items[i], itemPath, d, "path", "args")!;
                pathNode = map.Require("path", "the .csx file, relative to this file");
                foreach (var (arg, j) in ConfigValues.List(map.Get("args"), map.PathOf("args"), d, "arguments").Select((a, j) => (a, j)))
                {
                    if (ConfigValues.String(arg, ConfigPath.Item(map.PathOf("args"), j), d) is { } text)
                    {
                        args.Add(text);
                    }
                }

                map.Finish();
                itemPath = map.PathOf("path");
            }

            var file = ConfigValues.String(pathNode, itemPath, d);
            if (file is null)
            {
                continue;
            }

            if (!file.EndsWith(".csx", StringComparison.OrdinalIgnoreCase))
            {
                d.Error(pathNode!, itemPath, $"{ConfigText.Quote(file)} is not a C# script; expected a .csx file");
                continue;
            }

            var full = ctx.Resolve(file);
            if (!File.Exists(full))
            {
                d.Warning(pathNode!, itemPath, $"script file not found: {full}");
            }

            scripts.Add(new ScriptConfig(full, args));
        }

        return scripts;
    }

    private static double? ReadJitter(YamlNode? node, string path, ConfigDiagnostics d)
    {
        if (ConfigValues.String(node, path, d) is { } text && text.EndsWith('%'))
        {
            var percent = ConfigValues.Number(new YamlScalar(node!.Line, node.Column, text[..^1], true), path, d, 0, 100);
            return percent / 100;
        }

        return ConfigValues.Number(node, path, d, 0, 1);
    }
}
