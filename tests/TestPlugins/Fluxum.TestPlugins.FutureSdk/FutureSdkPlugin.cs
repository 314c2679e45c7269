using Fluxum.Sdk.Plugins;

namespace Fluxum.TestPlugins.FutureSdk;

/// <summary>
/// A plugin compiled against contract 2.0 (its reference to Fluxum.Sdk says 2.0.0.0); it reports nothing
/// about that itself. The host (contract 1.x) must refuse it before loading it.
/// </summary>
public sealed class FutureSdkPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor { get; } =
        new("future", new Version(3, 0, 0));

    public IVenueAdapter CreateVenue(VenueContext context) =>
        throw new InvalidOperationException("never reached: the host refuses this plugin");
}
