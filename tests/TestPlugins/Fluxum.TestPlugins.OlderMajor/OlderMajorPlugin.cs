using Fluxum.Sdk.Plugins;
using Fluxum.TestPlugins.Good;

namespace Fluxum.TestPlugins.OlderMajor;

/// <summary>
/// A plugin compiled against contract 1.1, the last 1.x: a 2.x host must refuse it from its metadata, before
/// loading it, naming both versions.
/// </summary>
public sealed class OlderMajorPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor { get; } =
        new("older-major", new Version(1, 0, 1), SdkInfo.Version, PluginCapabilities.Ticker);

    public IMarketDataProtocol CreateProtocol(VenueContext context, ConnectionKind kind) =>
        new GoodProtocol(context.Venue, context.Endpoint("ws", new Uri("ws://127.0.0.1:9/older-minor")));
}
