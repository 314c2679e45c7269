using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Configuration;

/// <summary>
/// Checks what a venue subscribes against what its adapter (created offline, never connected) declares it offers
/// with these settings: a channel its selected API lacks, a book depth or candle interval the venue does not offer;
/// then asks its protocol what only it can say (a symbol the venue does not list). Catches at <c>config check</c>
/// what would otherwise fault the venue at start.
/// </summary>
internal static class ProtocolSubscriptionCheck
{
    public static IEnumerable<ConfigError> Run(VenueConfig venue, IVenueAdapter adapter, string plugin, FluxumConfig config, string displayName)
    {
        var path = ConfigPath.Child(ConfigPath.Child("venues", venue.Name), "subscriptions");
        var at = config.Locations.GetValueOrDefault(path);
        IMarketDataProtocol? protocol = null;
        var errors = new List<ConfigError>();
        foreach (var subscription in venue.Subscriptions)
        {
            string? problem;
            try
            {
                // The venue's declared capabilities first (the one declaration every check derives from), then what
                // only the protocol can say (e.g. a symbol the venue does not list).
                problem = adapter.Capabilities.Check(ConnectionKind.Public, subscription);
                if (problem is null)
                {
                    protocol ??= adapter.CreateProtocol(ConnectionKind.Public) ?? throw new InvalidOperationException("CreateProtocol returned null");
                    problem = protocol.Validate(subscription);
                }
            }
#pragma warning disable CA1031 // Plugin code is foreign: any exception it throws is reported and contained.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                errors.Add(new ConfigError(displayName, at.Line, at.Column, path, $"plugin {plugin} threw while checking {subscription.Channel}: {ex.GetType().Name}: {ex.Message}"));
                break;
            }

            if (problem is not null)
            {
                errors.Add(new ConfigError(displayName, at.Line, at.Column, path, $"{subscription.Channel}: plugin {plugin}: {problem}"));
            }
        }

        return errors;
    }
}
