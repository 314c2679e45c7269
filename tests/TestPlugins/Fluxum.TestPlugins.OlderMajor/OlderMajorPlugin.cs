using Fluxum.Sdk.Plugins;

namespace Fluxum.TestPlugins.OlderMajor;

/// <summary>
/// A plugin compiled against contract 1.1, the last 1.x: a 2.x host must refuse it from its metadata, before
/// loading it, naming both versions.
/// </summary>
public sealed class OlderMajorPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor { get; } =
        new("older-major", new Version(1, 0, 1));

    public IVenueAdapter CreateVenue(VenueContext context) =>
        throw new InvalidOperationException("never reached: the host refuses this plugin");
}
