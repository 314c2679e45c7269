using Fluxum.Sdk.Plugins;

namespace Fluxum.TestPlugins.NewerMinor;

/// <summary>
/// A plugin compiled against contract 1.9, newer than the host's 1.x minor: it could call members the
/// host's contract lacks, so the host refuses it before loading it.
/// </summary>
public sealed class NewerMinorPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor { get; } =
        new("newer-minor", new Version(1, 0, 0));

    public IVenueAdapter CreateVenue(VenueContext context) =>
        throw new InvalidOperationException("never reached: the host refuses this plugin");
}
