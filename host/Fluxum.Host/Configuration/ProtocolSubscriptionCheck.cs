using Fluxum.Host.Plugins;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Configuration;

/// <summary>
/// Asks the venue's protocol (created offline, never connected) whether it can subscribe what the venue
/// configures: a channel its selected API lacks (Gemini's new API has no candles), a book depth or candle
/// interval the venue does not offer. Catches at <c>config check</c> what would otherwise fault the venue at start.
/// </summary>
internal static class ProtocolSubscriptionCheck
{
    public static IEnumerable<ConfigError> Run(VenueConfig venue, PluginEntry entry, FluxumConfig config, string displayName)
    {
        var context = VenueContextFactory.Create(venue with { Credentials = null }, new OfflineRestTransport(), NullLoggerFactory.Instance);
        var path = ConfigPath.Child(ConfigPath.Child("venues", venue.Name), "subscriptions");
        var at = config.Locations.GetValueOrDefault(path);
        IMarketDataProtocol protocol;
        try
        {
            protocol = entry.Plugin!.CreateProtocol(context, ConnectionKind.Public);
        }
#pragma warning disable CA1031 // Plugin code is foreign: any exception it throws is reported and contained.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return [new ConfigError(displayName, at.Line, at.Column, path, $"plugin {entry.Name} threw while creating its protocol: {ex.GetType().Name}: {ex.Message}")];
        }

        var errors = new List<ConfigError>();
        foreach (var subscription in venue.Subscriptions)
        {
            var problem = !protocol.SupportedChannels.Contains(subscription.Channel.Kind)
                ? $"the {subscription.Channel.Kind.ToString().ToLowerInvariant()} channel is not offered by plugin {entry.Name} with these settings (offered: {string.Join(", ", protocol.SupportedChannels.Select(c => c.ToString().ToLowerInvariant()))})"
                : protocol.Validate(subscription);
            if (problem is not null)
            {
                errors.Add(new ConfigError(displayName, at.Line, at.Column, path, $"{subscription.Channel}: {problem}"));
            }
        }

        return errors;
    }
}
