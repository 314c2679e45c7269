using Fluxum.Sdk.Plugins;

namespace Fluxum.TestPlugins.Throwing;

/// <summary>A plugin whose descriptor throws: the host must report it and keep going.</summary>
public sealed class ThrowingPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor => throw new InvalidOperationException("descriptor exploded on purpose");

    public IVenueAdapter CreateVenue(VenueContext context) =>
        throw new InvalidOperationException("never reached");
}
