using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Tests;

public sealed class PluginTests
{
    [Fact]
    public void Descriptor_Kraken_Name()
    {
        var plugin = new KrakenPlugin();

        Assert.Equal("kraken", plugin.Descriptor.Name);
        Assert.Equal(["v2"], plugin.Descriptor.Apis);
        Assert.IsAssignableFrom<ISimulatorProvider>(plugin);
    }

    [Fact]
    public void Capabilities_DeclaredOnce_ChannelsDepthsIntervalsLedgerAndChecksum()
    {
        var capabilities = new KrakenPlugin().CreateVenue(Fixture.Context()).Capabilities;

        Assert.Equal([ChannelKind.Ticker, ChannelKind.Trades, ChannelKind.Ohlc, ChannelKind.Book], capabilities.Public.Select(o => o.Kind));
        Assert.Equal([10, 25, 100, 500, 1000], capabilities.Offer(ConnectionKind.Public, ChannelKind.Book)!.Depths!);
        Assert.Contains(TimeSpan.FromDays(15), capabilities.Offer(ConnectionKind.Public, ChannelKind.Ohlc)!.Intervals!);
        Assert.Equal([ChannelKind.Ledger], capabilities.Private.Select(o => o.Kind));
        Assert.True(capabilities.Ledger);
        Assert.Equal(BookSync.Socket, capabilities.BookSync);
        Assert.IsType<Fluxum.Plugins.Kraken.Books.KrakenChecksum>(capabilities.BookRules.Checksum);
        // Every check derives from that declaration.
        Assert.Equal(
            "book depth 20 is not offered (offered: 10, 25, 100, 500, 1000)",
            capabilities.Check(ConnectionKind.Public, new Subscription(MarketChannel.Book(20), Sdk.Symbol.Parse("BTC/USD"))));
        Assert.StartsWith("the ledger channel is not offered on the public connection", capabilities.Check(ConnectionKind.Public, new Subscription(MarketChannel.Ledger)), StringComparison.Ordinal);
        Assert.Null(capabilities.Check(ConnectionKind.Private, new Subscription(MarketChannel.Ledger)));
    }

    [Fact]
    public void Validate_BadEndpointScheme_NamesTheEndpoint()
    {
        var context = Fixture.Context(endpoints: new Dictionary<string, Uri> { ["ws"] = new("http://127.0.0.1:1/"), ["rest"] = new("http://127.0.0.1:1/") });

        var problem = Assert.Single(new KrakenPlugin().Validate(context));

        Assert.StartsWith("endpoints.ws:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateProtocol_TwoConnectionsOfOneVenue_ShareOneChecksumAndPrecisions()
    {
        var venue = new KrakenPlugin().CreateVenue(Fixture.Context());

        var first = (KrakenProtocol)venue.CreateProtocol(ConnectionKind.Public);
        var second = (KrakenProtocol)venue.CreateProtocol(ConnectionKind.Public);

        Assert.Same(first.Checksum, second.Checksum);
        Assert.Same(venue.Capabilities.BookRules.Checksum, first.Checksum);
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
