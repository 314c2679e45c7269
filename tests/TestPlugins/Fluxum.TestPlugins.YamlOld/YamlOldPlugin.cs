using Fluxum.Sdk.Plugins;
using YamlDotNet.RepresentationModel;

namespace Fluxum.TestPlugins.YamlOld;

/// <summary>
/// A plugin that depends on YamlDotNet 16 while the host uses 18. Its description and its settings
/// validation report the YamlDotNet version it actually runs against.
/// </summary>
public sealed class YamlOldPlugin : IExchangePlugin
{
    /// <summary>The YamlDotNet version loaded into this plugin's context.</summary>
    public static Version YamlVersion => typeof(YamlStream).Assembly.GetName().Version!;

    public PluginDescriptor Descriptor { get; } =
        new("yaml-old", new Version(0, 1, 0))
        {
            Description = $"YamlDotNet {YamlVersion}",
        };

    /// <summary>Parses the <c>doc</c> setting with YamlDotNet and reports the version that did it.</summary>
    public IVenueAdapter CreateVenue(VenueContext context) => new YamlOldVenue(context);

    /// <summary>Parses the <c>doc</c> setting with its own YamlDotNet when created and reports what it parsed.</summary>
    private sealed class YamlOldVenue : IVenueAdapter
    {
        public YamlOldVenue(VenueContext context)
        {
            var stream = new YamlStream();
            using var reader = new StringReader(context.Setting("doc", "a: 1"));
            stream.Load(reader);
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            Problems = [$"parsed {root.Children.Count} key(s) with YamlDotNet {YamlVersion}"];
        }

        public VenueCapabilities Capabilities { get; } = new() { Public = [new ChannelOffer(Sdk.MarketData.ChannelKind.Ticker)] };

        public IReadOnlyList<string> Problems { get; }

        public IMarketDataProtocol CreateProtocol(ConnectionKind kind) =>
            throw new NotSupportedException("yaml-old only proves library isolation; it has no protocol.");
    }
}
