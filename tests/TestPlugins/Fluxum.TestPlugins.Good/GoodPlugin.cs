using Fluxum.Sdk.Plugins;

namespace Fluxum.TestPlugins.Good;

/// <summary>A well-behaved plugin: describes itself and creates a working protocol.</summary>
public sealed class GoodPlugin : IExchangePlugin
{
    public PluginDescriptor Descriptor { get; } =
        new("good", new Version(1, 2, 3))
        {
            Description = "Test plugin that loads and works.",
            Apis = ["v1"],
        };

    public IVenueAdapter CreateVenue(VenueContext context) => new GoodVenue(context);

    /// <summary>The good plugin's venue: tickers and trades over its line protocol.</summary>
    private sealed class GoodVenue(VenueContext context) : IVenueAdapter
    {
        public VenueCapabilities Capabilities { get; } = new()
        {
            Public = [new ChannelOffer(Sdk.MarketData.ChannelKind.Ticker), new ChannelOffer(Sdk.MarketData.ChannelKind.Trades)],
        };

        public IReadOnlyList<string> Problems { get; } =
            context.Settings.TryGetValue("api", out var api) && api != "v1" ? [$"api: unknown api '{api}'; expected v1"] : [];

        public IMarketDataProtocol CreateProtocol(ConnectionKind kind) =>
            new GoodProtocol(context.Venue, context.Endpoint("ws", new Uri("ws://127.0.0.1:9/good")));
    }
}
