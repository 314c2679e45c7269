using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Tests;

public sealed class PluginTests
{
    [Fact]
    public void Descriptor_Kraken_NameSdkVersionAndCapabilities()
    {
        var descriptor = new KrakenPlugin().Descriptor;

        Assert.Equal("kraken", descriptor.Name);
        Assert.Equal(SdkInfo.Version, descriptor.SdkVersion);
        Assert.True(descriptor.Capabilities.HasFlag(PluginCapabilities.BookChecksum | PluginCapabilities.LedgerStream | PluginCapabilities.Simulator));
    }

    [Fact]
    public void Validate_BadEndpointScheme_NamesTheEndpoint()
    {
        var context = Fixture.Context(endpoints: new Dictionary<string, Uri> { ["ws"] = new("http://127.0.0.1:1/"), ["rest"] = new("http://127.0.0.1:1/") });

        var problem = Assert.Single(new KrakenPlugin().Validate(context));

        Assert.StartsWith("endpoints.ws:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateProtocol_TwoConnections_ShareOneChecksumAndPrecisions()
    {
        var plugin = new KrakenPlugin();
        var context = Fixture.Context();

        var first = (KrakenProtocol)plugin.CreateProtocol(context, ConnectionKind.Public);
        var second = (KrakenProtocol)plugin.CreateProtocol(context, ConnectionKind.Public);

        Assert.Same(first.BookRules.Checksum, second.BookRules.Checksum);
        Assert.Same(first.Instruments, second.Instruments);
        Assert.Equal(TimeSpan.FromSeconds(30), first.PingInterval);
        Assert.Equal("""{"method":"ping","req_id":1}""", System.Text.Encoding.UTF8.GetString(first.EncodePing().Span));
        Assert.Contains("\"channel\":\"instrument\"", System.Text.Encoding.UTF8.GetString(Assert.Single(first.OnConnected()).Span), StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeSubscribe_Book25_DocumentedShape()
    {
        var protocol = Fixture.Protocol();

        var message = Assert.Single(protocol.EncodeSubscribe(new Subscription(MarketChannel.Book(25), Fluxum.Sdk.Symbol.Parse("BTC/USD"))));

        Assert.Equal("""{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":25},"req_id":1}""", System.Text.Encoding.UTF8.GetString(message.Span));
    }
}
