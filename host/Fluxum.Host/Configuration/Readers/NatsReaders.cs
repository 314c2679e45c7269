using System.Globalization;
using Fluxum.Host.Configuration.Yaml;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>Reads the NATS sections: the top-level <c>publish</c> and a relay venue's <c>relay</c>.</summary>
internal static class NatsReaders
{
    public static PublishConfig? ReadPublish(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var map = ConfigMap.From(node, path, d, "nats");
        if (map is null)
        {
            return null;
        }

        var nats = ConfigMap.From(map.Require("nats", "{ url, stream, subject_prefix, max_age, max_bytes, buffer }"), map.PathOf("nats"), d,
            "url", "stream", "subject_prefix", "max_age", "max_bytes", "buffer", "snapshot_interval", "replicas");
        map.Finish();
        if (nats is null)
        {
            return null;
        }

        var url = ReadUrl(nats, d);
        var stream = ReadName(nats, "stream", "the JetStream stream to publish to, e.g. FLUXUM", d);
        var prefix = ReadPrefix(nats, d);
        var maxAge = ConfigValues.Duration(nats.Get("max_age"), nats.PathOf("max_age"), d);
        var maxBytes = ReadBytes(nats.Get("max_bytes"), nats.PathOf("max_bytes"), d);
        var buffer = ConfigValues.Int(nats.Get("buffer"), nats.PathOf("buffer"), d, 16, 10_000_000);
        var interval = ConfigValues.Duration(nats.Get("snapshot_interval"), nats.PathOf("snapshot_interval"), d);
        var replicas = ConfigValues.Int(nats.Get("replicas"), nats.PathOf("replicas"), d, 1, 5);
        nats.Finish();
        if (maxAge is { } age && age <= TimeSpan.Zero)
        {
            d.Error(nats.Get("max_age")!, nats.PathOf("max_age"), "max_age must be longer than zero");
        }

        if (interval is { } every && every < TimeSpan.FromMilliseconds(100))
        {
            d.Error(nats.Get("snapshot_interval")!, nats.PathOf("snapshot_interval"), "snapshot_interval must be at least 100ms");
        }

        if (url is null || stream is null)
        {
            return null;
        }

        return new PublishConfig
        {
            Url = url,
            Stream = stream,
            SubjectPrefix = prefix ?? "fluxum",
            MaxAge = maxAge,
            MaxBytes = maxBytes,
            Buffer = buffer ?? 65_536,
            SnapshotInterval = interval ?? TimeSpan.FromSeconds(5),
            Replicas = replicas ?? 1,
        };
    }

    public static RelayConfig? ReadRelay(YamlNode? node, string path, string venue, ConfigDiagnostics d)
    {
        var map = ConfigMap.From(node, path, d, "nats", "venue", "start");
        if (map is null)
        {
            return null;
        }

        var nats = ConfigMap.From(map.Require("nats", "{ url, stream }"), map.PathOf("nats"), d, "url", "stream", "subject_prefix");
        var source = ConfigValues.String(map.Get("venue"), map.PathOf("venue"), d);
        var start = ReadStart(map.Get("start"), map.PathOf("start"), d);
        map.Finish();
        if (nats is null)
        {
            return null;
        }

        var url = ReadUrl(nats, d);
        var stream = ReadName(nats, "stream", "the JetStream stream the source publishes to, e.g. FLUXUM", d);
        var prefix = ReadPrefix(nats, d);
        nats.Finish();
        if (source is not null && !IsToken(source))
        {
            d.Error(map.Get("venue")!, map.PathOf("venue"), $"{ConfigText.Quote(source)} is not a venue name (letters, digits, - and _)");
        }

        return url is null || stream is null ? null : new RelayConfig
        {
            Url = url,
            Stream = stream,
            SubjectPrefix = prefix ?? "fluxum",
            SourceVenue = source ?? venue,
            Start = start,
        };
    }

    private static string? ReadUrl(ConfigMap nats, ConfigDiagnostics d)
    {
        var node = nats.Require("url", "the NATS server, e.g. nats://127.0.0.1:4222 (several comma-separated)");
        var url = ConfigValues.String(node, nats.PathOf("url"), d);
        if (url is null)
        {
            return null;
        }

        foreach (var part in url.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || uri.Port <= 0)
            {
                d.Error(node!, nats.PathOf("url"), $"{ConfigText.Quote(part)} is not a NATS address with a port, e.g. nats://127.0.0.1:4222");
                return null;
            }
        }

        return url;
    }

    private static string? ReadName(ConfigMap nats, string key, string expected, ConfigDiagnostics d)
    {
        var node = nats.Require(key, expected);
        var name = ConfigValues.String(node, nats.PathOf(key), d);
        if (name is not null && !IsToken(name))
        {
            d.Error(node!, nats.PathOf(key), $"{ConfigText.Quote(name)} is not a stream name (letters, digits, - and _)");
            return null;
        }

        return name;
    }

    private static string? ReadPrefix(ConfigMap nats, ConfigDiagnostics d)
    {
        var node = nats.Get("subject_prefix");
        var prefix = ConfigValues.String(node, nats.PathOf("subject_prefix"), d);
        if (prefix is not null && (prefix.Length == 0 || prefix.Split('.').Any(t => !IsToken(t))))
        {
            d.Error(node!, nats.PathOf("subject_prefix"), $"{ConfigText.Quote(prefix)} is not a subject prefix (dot-separated tokens of letters, digits, - and _; no wildcards)");
            return null;
        }

        return prefix;
    }

    private static long? ReadBytes(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var text = ConfigValues.String(node, path, d);
        if (text is null)
        {
            return null;
        }

        var (digits, unit) = text.EndsWith("GB", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 1L << 30)
            : text.EndsWith("MB", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 1L << 20)
            : text.EndsWith("KB", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 1L << 10)
            : (text, 1L);
        if (!long.TryParse(digits.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > long.MaxValue / unit)
        {
            d.Error(node!, path, $"{ConfigText.Quote(text)} is not a size: a whole number of bytes, or with KB, MB or GB (e.g. 512MB)");
            return null;
        }

        return value * unit;
    }

    private static DateTimeOffset? ReadStart(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var text = ConfigValues.String(node, path, d);
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
        {
            d.Error(node!, path, $"{ConfigText.Quote(text)} is not a time, e.g. 2026-12-03T10:00:00Z");
            return null;
        }

        return start;
    }

    internal static bool IsToken(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
