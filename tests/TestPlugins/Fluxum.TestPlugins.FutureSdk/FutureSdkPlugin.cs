using Fluxum.Sdk.Plugins;

namespace Fluxum.TestPlugins.FutureSdk;

/// <summary>A plugin that says it was built against SDK 2.0.0: the host (SDK 1.x) must refuse it.</summary>
public sealed class FutureSdkPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor { get; } =
        new("future", new Version(3, 0, 0), new Version(2, 0, 0), PluginCapabilities.Ticker);

    public IMarketDataProtocol CreateProtocol(VenueContext context, ConnectionKind kind) =>
        throw new InvalidOperationException("never reached: the host refuses this plugin");
}
