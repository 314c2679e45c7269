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
            var venuePath = ConfigPath.Child("venues", venue.Name);
            var pluginPath = ConfigPath.Child(venuePath, "plugin");
            var at = config.Locations.TryGetValue(pluginPath, out var l) ? l
                : config.Locations.GetValueOrDefault(venuePath);
            if (!catalog.TryGet(venue.Plugin, out var entry))
            {
                errors.Add(new(displayName, at.Line, at.Column, pluginPath, catalog.DescribeMissing(venue.Plugin)));
                continue;
            }

            var before = errors.Count;
            foreach (var (subscription, i) in venue.Subscriptions.Select((s, i) => (s, i)))
            {
                var needed = Needed(subscription.Channel.Kind);
                if (needed != PluginCapabilities.None && !entry.Capabilities.HasFlag(needed))
                {
                    var subPath = ConfigPath.Child(venuePath, "subscriptions");
                    var subAt = config.Locations.GetValueOrDefault(subPath);
                    errors.Add(new(displayName, subAt.Line, subAt.Column, subPath,
                        $"plugin {entry.Name} does not support the {subscription.Channel.Kind.ToString().ToLowerInvariant()} channel (it offers {entry.Capabilities})"));
                }
            }

            var settingsErrors = PluginSettingsCheck.Run(venue, entry, displayName, at, pluginPath, config.Locations).ToList();
            errors.AddRange(settingsErrors);
            // The protocol is asked only when the plugin claims every channel: otherwise the same problem is already reported.
            if (settingsErrors.Count == 0 && errors.Count == before + settingsErrors.Count && entry.IsLoaded)
            {
                errors.AddRange(ProtocolSubscriptionCheck.Run(venue, entry, config, displayName));
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

    private static PluginCapabilities Needed(ChannelKind kind) => kind switch
    {
        ChannelKind.Ticker => PluginCapabilities.Ticker,
        ChannelKind.Trades => PluginCapabilities.Trades,
        ChannelKind.Ohlc => PluginCapabilities.Ohlc,
        ChannelKind.Book => PluginCapabilities.Book,
        ChannelKind.Ledger => PluginCapabilities.Ledger,
        _ => PluginCapabilities.None,
    };
}
