using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Tests.Symbols;

public sealed class GeminiSymbolCatalogTests
{
    [Fact]
    public async Task ResolveEndpointAsync_LoadsDetailsOncePerVenue_EachVenueItsOwnCatalog()
    {
        var rest = FakeRest.Standard();
        var plugin = new GeminiPlugin();
        var venue = plugin.CreateVenue(TestContext.Create(rest));

        await venue.CreateProtocol(ConnectionKind.Public).ResolveEndpointAsync();
        await venue.CreateProtocol(ConnectionKind.Public).ResolveEndpointAsync();

        // The venue's connections share its catalog: loaded once.
        Assert.Equal(1, rest.Requests.Count(r => r.Uri.AbsolutePath == "/v1/symbols"));
        Assert.Equal(14, rest.Requests.Count(r => r.Uri.AbsolutePath.StartsWith("/v1/symbols/details/", StringComparison.Ordinal)));

        // Another venue of the same plugin (another endpoint, say) owns its own.
        await plugin.CreateVenue(TestContext.Create(rest, api: "v2")).CreateProtocol(ConnectionKind.Public).ResolveEndpointAsync();
        Assert.Equal(2, rest.Requests.Count(r => r.Uri.AbsolutePath == "/v1/symbols"));
    }

    [Fact]
    public async Task Validate_SplitFromDetailsNotLength_PerpetualAndUnknownSymbols()
    {
        var protocol = await TestContext.ProtocolAsync("ws");

        Assert.Null(protocol.CheckSubscription(new Subscription(MarketChannel.Trades, new Symbol("ETH", "GUSDPERP"))));
        Assert.Null(protocol.CheckSubscription(new Subscription(MarketChannel.Trades, new Symbol("ANKR", "USD"))));
        var problem = protocol.CheckSubscription(new Subscription(MarketChannel.Trades, new Symbol("ETHG", "USDPERP")));
        Assert.Contains("ETHG/USDPERP", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadSettings_NamesEachKey()
    {
        var context = TestContext.Create(FakeRest.Standard(), api: "v3", settings: new() { ["ledger_symbols"] = "BTC/USD,BTCUSD" }) with
        {
            Endpoints = new Dictionary<string, Uri> { ["wss"] = new("wss://x") },
        };

        var problems = new GeminiPlugin().Validate(context);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("settings.api", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("endpoints.wss", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'BTCUSD'", StringComparison.Ordinal));
    }

    [Fact]
    public void Descriptor_NameAndApis()
    {
        var descriptor = new GeminiPlugin().Descriptor;

        Assert.Equal("gemini", descriptor.Name);
        Assert.Equal(["ws", "v2"], descriptor.Apis);
    }

    [Theory]
    [InlineData("ws", new[] { ChannelKind.Book, ChannelKind.Trades, ChannelKind.Ticker }, SequenceRule.Overlapping)]
    [InlineData("v2", new[] { ChannelKind.Book, ChannelKind.Trades, ChannelKind.Ticker, ChannelKind.Ohlc }, SequenceRule.None)]
    public void Capabilities_DeclaredOncePerApi(string api, ChannelKind[] channels, SequenceRule sequence)
    {
        var capabilities = new GeminiPlugin().CreateVenue(TestContext.Create(FakeRest.Standard(), api: api)).Capabilities;

        Assert.Equal(channels, capabilities.Public.Select(o => o.Kind));
        Assert.Equal([ChannelKind.Ledger], capabilities.Private.Select(o => o.Kind));
        Assert.Equal(sequence, capabilities.BookRules.Sequence);
        Assert.True(capabilities.Ledger);
        Assert.Equal(BookSync.Socket, capabilities.BookSync);
    }
}
