using Fluxum.Host.Plugins;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Configuration;

/// <summary>Asks a plugin to validate a venue's settings, offline; a throwing plugin becomes an error too.</summary>
internal static class PluginSettingsCheck
{
    /// <summary>
    /// The plugin's problems with <paramref name="venue"/>'s settings, at <paramref name="at"/>/<paramref name="path"/>
    /// (the venue's plugin key); a problem that starts with a key path below the venue that
    /// <paramref name="locations"/> knows (a nested one, <c>instruments.BTC/USD.price_decimals: ...</c>) is reported there instead.
    /// </summary>
    public static IReadOnlyList<ConfigError> Run(VenueConfig venue, PluginEntry entry, string displayName, ConfigLocation at, string path, IReadOnlyDictionary<string, ConfigLocation>? locations, out IVenueAdapter? adapter)
    {
        // Credentials are not resolved here: the loader already checked the variables exist, and
        // validation must never need (or see) a secret.
        var context = VenueContextFactory.Create(venue with { Credentials = null }, new OfflineRestTransport(), NullLoggerFactory.Instance);
        // The venue's adapter reads its settings when created and reports what is wrong with them.
        IReadOnlyList<string> problems;
        adapter = null;
        try
        {
            adapter = entry.Plugin!.CreateVenue(context) ?? throw new InvalidOperationException("CreateVenue returned null");
            problems = adapter.Problems;
        }
#pragma warning disable CA1031 // Plugin code is foreign: any exception it throws is reported and contained.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            adapter = null;
            problems = [$"plugin {entry.Name} threw while creating the venue from its settings: {ex.GetType().Name}: {ex.Message}"];
        }

        var venuePath = ConfigPath.Child("venues", venue.Name);
        return [.. problems.Select(p => Locate(p, venuePath, locations) is { } key
            ? new ConfigError(displayName, key.At.Line, key.At.Column, key.Path, $"plugin {entry.Name}: {p[(key.Length + 2)..]}")
            : new ConfigError(displayName, at.Line, at.Column, path, $"plugin {entry.Name}: {p}"))];
    }

    /// <summary>The setting key a problem starts with (<c>key: message</c>), when its location is known.</summary>
    private static (ConfigLocation At, string Path, int Length)? Locate(string problem, string venuePath, IReadOnlyDictionary<string, ConfigLocation>? locations)
    {
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        if (locations is null || colon <= 0)
        {
            return null;
        }

        var key = problem[..colon];
        if (key.Contains('.', StringComparison.Ordinal))
        {
            // A nested setting (instruments.BTC/USD.price_decimals), kept below the venue.
            var keyPath = ConfigPath.Child(venuePath, key);
            return locations.TryGetValue(keyPath, out var at) ? (at, keyPath, colon) : null;
        }

        // A plain one written under settings: (tier) is located there; one written elsewhere (api) stays at the
        // plugin key, as before.
        var settingPath = ConfigPath.Child(ConfigPath.Child(venuePath, "settings"), key);
        return key.Length > 0 && !key.Contains(' ', StringComparison.Ordinal) && locations.TryGetValue(settingPath, out var setting) ? (setting, settingPath, colon) : null;
    }
}
