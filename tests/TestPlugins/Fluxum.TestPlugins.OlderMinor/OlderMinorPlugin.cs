using Fluxum.Sdk.Plugins;
using Fluxum.TestPlugins.Good;

namespace Fluxum.TestPlugins.OlderMinor;

/// <summary>
/// A plugin compiled against contract 1.0: it must load in a host with a newer 1.x contract and work
/// there (its protocol is the Good plugin's, bound at run time to the host's Fluxum.Sdk).
/// </summary>
public sealed class OlderMinorPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor { get; } =
        new("older-minor", new Version(1, 0, 1), SdkInfo.Version, PluginCapabilities.Ticker);

    public IMarketDataProtocol CreateProtocol(VenueContext context, ConnectionKind kind) =>
        new GoodProtocol(context.Venue, context.Endpoint("ws", new Uri("ws://127.0.0.1:9/older-minor")));
}
