using System.Globalization;
using System.Net;
using Fluxum.Host.Configuration.Yaml;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>Reads the operations sections: <c>admin</c> and <c>telemetry</c>.</summary>
internal static class OperationsReaders
{
    public static AdminConfig? ReadAdmin(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var map = ConfigMap.From(node, path, d, "listen", "token_env", "stale_limit");
        if (map is null)
        {
            return null;
        }

        var listenNode = map.Require("listen", "host:port to serve /metrics, /healthz, /readyz and /status on, e.g. 127.0.0.1:9464");
        var listen = ConfigValues.String(listenNode, map.PathOf("listen"), d);
        var tokenNode = map.Get("token_env");
        var tokenEnv = ConfigValues.String(tokenNode, map.PathOf("token_env"), d);
        var staleLimit = ConfigValues.Duration(map.Get("stale_limit"), map.PathOf("stale_limit"), d);
        map.Finish();
        if (tokenEnv is not null && !SecretRules.IsVariableName(tokenEnv))
        {
            d.Error(tokenNode!, map.PathOf("token_env"), SecretRules.LooksLikeSecret(tokenEnv)
                ? SecretRules.InlineSecretMessage("token_env")
                : "expected the name of an environment variable (letters, digits and _) holding the token, never the token itself");
            tokenEnv = null;
        }

        if (staleLimit is { } limit && limit <= TimeSpan.Zero)
        {
            d.Error(map.Get("stale_limit")!, map.PathOf("stale_limit"), "stale_limit must be longer than zero");
        }

        if (listen is null || !TryParseListen(listen, out var address, out var port))
        {
            if (listen is not null)
            {
                d.Error(listenNode!, map.PathOf("listen"), $"{ConfigText.Quote(listen)} is not host:port (an IP address or localhost, and a port 0-65535), e.g. 127.0.0.1:9464");
            }

            return null;
        }

        if (!IPAddress.IsLoopback(address) && tokenEnv is null)
        {
            d.Error(listenNode!, map.PathOf("listen"),
                $"{ConfigText.Quote(listen)} is not a loopback address: anyone who can reach it could read the deployment; give token_env (an environment variable holding a bearer token) or listen on 127.0.0.1");
        }

        return new AdminConfig(address, port) { TokenEnv = tokenEnv, StaleLimit = staleLimit is { } l && l > TimeSpan.Zero ? l : TimeSpan.FromSeconds(30) };
    }

    public static TelemetryConfig ReadTelemetry(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var map = ConfigMap.From(node, path, d, "otlp");
        if (map is null)
        {
            return TelemetryConfig.None;
        }

        var otlp = ConfigMap.From(map.Get("otlp"), map.PathOf("otlp"), d, "endpoint", "interval");
        map.Finish();
        if (otlp is null)
        {
            return TelemetryConfig.None;
        }

        var endpointNode = otlp.Require("endpoint", "the OTLP/HTTP collector, e.g. http://127.0.0.1:4318");
        var endpoint = ConfigValues.String(endpointNode, otlp.PathOf("endpoint"), d);
        var interval = ConfigValues.Duration(otlp.Get("interval"), otlp.PathOf("interval"), d);
        otlp.Finish();
        if (interval is { } every && every < TimeSpan.FromMilliseconds(100))
        {
            d.Error(otlp.Get("interval")!, otlp.PathOf("interval"), "interval must be at least 100ms");
            interval = null;
        }

        if (endpoint is null)
        {
            return TelemetryConfig.None;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            d.Error(endpointNode!, otlp.PathOf("endpoint"), $"{ConfigText.Quote(endpoint)} is not an http(s) address, e.g. http://127.0.0.1:4318");
            return TelemetryConfig.None;
        }

        return new TelemetryConfig { OtlpEndpoint = uri, OtlpInterval = interval ?? TimeSpan.FromSeconds(10) };
    }

    /// <summary><c>127.0.0.1:9464</c>, <c>[::1]:9464</c>, <c>localhost:9464</c>, <c>0.0.0.0:9464</c>.</summary>
    internal static bool TryParseListen(string text, out IPAddress address, out int port)
    {
        address = IPAddress.Loopback;
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(host, out address!);
    }
}
