using Fluxum.Host.Plugins;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Configuration;

/// <summary>
/// The checks that need the plugin catalog: every venue's plugin is loaded, accepts the venue's settings
/// (<see cref="IExchangePlugin.Validate"/>, offline), can do the channels the venue subscribes, and ships
/// a simulator, trading every subscribed symbol, when the venue is simulated.
/// </summary>
internal static class PluginConfigValidator
{
    /// <summary>Errors for <paramref name="config"/> (read from <paramref name="displayName"/>) against <paramref name="catalog"/>.</summary>
    public static IReadOnlyList<ConfigError> Validate(FluxumConfig config, PluginCatalog catalog, string displayName)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new List<ConfigError>();
        foreach (var venue in config.Venues)
        {
            if (venue.Relay is not null)
            {
                continue; // A relay venue runs no plugin: its data comes from another deployment's stream.
            }

            var venuePath = ConfigPath.Child("venues", venue.Name);
            var pluginPath = ConfigPath.Child(venuePath, "plugin");
            var at = config.Locations.TryGetValue(pluginPath, out var l) ? l
                : config.Locations.GetValueOrDefault(venuePath);
            if (!catalog.TryGet(venue.Plugin, out var entry))
            {
                errors.Add(new(displayName, at.Line, at.Column, pluginPath, catalog.DescribeMissing(venue.Plugin)));
                continue;
            }

            var settingsErrors = PluginSettingsCheck.Run(venue, entry, displayName, at, pluginPath, config.Locations, out var adapter);
            errors.AddRange(settingsErrors);
            // Subscriptions are checked only against a venue whose settings are good (its offer may depend on them).
            if (settingsErrors.Count == 0 && adapter is not null)
            {
                errors.AddRange(ProtocolSubscriptionCheck.Run(venue, adapter, entry.Name, config, displayName));
            }

            if (venue.Mode == VenueMode.Simulated && entry.Plugin is ISimulatorProvider provider)
            {
                errors.AddRange(SimulatedSymbolCheck.Run(venue, provider, entry.Name, config, displayName));
            }
            else if (venue.Mode == VenueMode.Simulated)
            {
                var modeAt = config.Locations.GetValueOrDefault(ConfigPath.Child(venuePath, "mode"));
                errors.Add(new(displayName, modeAt.Line, modeAt.Column, ConfigPath.Child(venuePath, "mode"),
                    $"plugin {entry.Name} ships no simulator, so mode simulated is not possible; use live or replay"));
            }
        }

        return errors;
    }
}
