using System.Text.Json;
using Fluxum.Host.Cli.Output;
using Fluxum.Host.Configuration;
using Fluxum.Host.Plugins;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Cli.Commands;

/// <summary>
/// <c>config check --format json</c>: <c>{ file, valid, errorCount, errors: [{file, line, column, path, message}],
/// warnings, venues: [{name, plugin, pluginVersion, mode, symbols, channels}], books, scripts, reconnect }</c>.
/// A broken file has <c>valid: false</c>, its errors in file order and no venues.
/// </summary>
internal static class ConfigCheckJson
{
    /// <summary>Writes the document; <paramref name="config"/> is null when the file is not valid.</summary>
    public static void Write(
        string displayName,
        FluxumConfig? config,
        PluginCatalog? catalog,
        IReadOnlyList<ConfigError> errors,
        int moreErrors,
        IReadOnlyList<ConfigError> warnings,
        TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(CliJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("file", displayName);
            json.WriteBoolean("valid", config is not null);
            json.WriteNumber("errorCount", errors.Count + moreErrors);
            WriteErrors(json, "errors", errors.OrderBy(e => e.Line).ThenBy(e => e.Column));
            WriteErrors(json, "warnings", warnings);
            json.WriteStartArray("venues");
            foreach (var venue in config?.Venues ?? [])
            {
                WriteVenue(json, venue, catalog);
            }

            json.WriteEndArray();
            if (config is not null)
            {
                json.WriteNumber("books", config.Books.Count);
                json.WriteNumber("scripts", config.Scripts.Count);
                var r = config.Reconnect;
                json.WriteStartObject("reconnect");
                json.WriteNumber("maxAttempts", r.MaxAttempts);
                json.WriteString("initialBackoff", Intervals.Format(r.InitialBackoff));
                json.WriteString("maxBackoff", Intervals.Format(r.MaxBackoff));
                json.WriteString("watchdog", Intervals.Format(r.WatchdogTimeout));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }));
    }

    private static void WriteErrors(Utf8JsonWriter json, string name, IEnumerable<ConfigError> errors)
    {
        json.WriteStartArray(name);
        foreach (var error in errors)
        {
            CliJson.WriteConfigError(json, error);
        }

        json.WriteEndArray();
    }

    private static void WriteVenue(Utf8JsonWriter json, VenueConfig venue, PluginCatalog? catalog)
    {
        PluginEntry? entry = null;
        var found = catalog is not null && catalog.TryGet(venue.Plugin, out entry);
        json.WriteStartObject();
        json.WriteString("name", venue.Name);
        json.WriteString("plugin", found ? entry!.Name : venue.Plugin);
        json.WriteString("pluginVersion", found ? entry!.Version?.ToString() : null);
        json.WriteString("mode", venue.ModeName);
        CliJson.WriteStrings(json, "symbols", venue.Symbols.Select(s => s.ToString()));
        CliJson.WriteStrings(json, "channels", venue.Subscriptions.Select(s => s.Channel.ToString()));
        json.WriteEndObject();
    }
}
