using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Relay;

/// <summary>
/// What a relay venue shows as its plugin: none is loaded (its data comes from another deployment's stream), so
/// nothing is ever created from it; it names the mode in plugin listings of the venue.
/// </summary>
internal sealed class RelayPlugin : IExchangePlugin
{
    /// <summary>The one instance.</summary>
    public static RelayPlugin Instance { get; } = new();

    /// <inheritdoc />
    public PluginDescriptor Descriptor { get; } = new("relay", typeof(RelayPlugin).Assembly.GetName().Version ?? new Version(1, 0))
    {
        Description = "a venue rebuilt from another fluxum's NATS JetStream stream (mode: relay)",
    };

    /// <inheritdoc />
    public IVenueAdapter CreateVenue(VenueContext context) =>
        throw new InvalidOperationException($"{context?.Venue}: a relay venue runs no plugin; its data comes from NATS");
}
