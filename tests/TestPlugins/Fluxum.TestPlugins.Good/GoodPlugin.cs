using Fluxum.Sdk.Plugins;

namespace Fluxum.TestPlugins.Good;

/// <summary>A well-behaved plugin: describes itself and creates a working protocol.</summary>
public sealed class GoodPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor { get; } =
        new("good", new Version(1, 2, 3), SdkInfo.Version, PluginCapabilities.Ticker | PluginCapabilities.Trades)
        {
            Description = "Test plugin that loads and works.",
            Apis = ["v1"],
        };

    public IReadOnlyList<string> Validate(VenueContext context) =>
        context.Settings.TryGetValue("api", out var api) && api != "v1" ? [$"api: unknown api '{api}'; expected v1"] : [];

    public IMarketDataProtocol CreateProtocol(VenueContext context, ConnectionKind kind) =>
        new GoodProtocol(context.Venue, context.Endpoint("ws", new Uri("ws://127.0.0.1:9/good")));
}
