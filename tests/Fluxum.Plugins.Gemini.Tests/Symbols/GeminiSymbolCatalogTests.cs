using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Tests.Symbols;

public sealed class GeminiSymbolCatalogTests
{
    [Fact]
    public async Task ResolveEndpointAsync_LoadsDetailsOncePerPluginInstance()
    {
        var rest = FakeRest.Standard();
        var plugin = new GeminiPlugin();
        var context = TestContext.Create(rest);

        await plugin.CreateProtocol(context, ConnectionKind.Public).ResolveEndpointAsync();
        await plugin.CreateProtocol(context with { Settings = new Dictionary<string, string> { ["api"] = "v2" } }, ConnectionKind.Public).ResolveEndpointAsync();

        Assert.Equal(1, rest.Requests.Count(r => r.Uri.AbsolutePath == "/v1/symbols"));
        Assert.Equal(14, rest.Requests.Count(r => r.Uri.AbsolutePath.StartsWith("/v1/symbols/details/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Validate_SplitFromDetailsNotLength_PerpetualAndUnknownSymbols()
    {
        var protocol = await TestContext.ProtocolAsync("ws");

        Assert.Null(protocol.Validate(new Subscription(MarketChannel.Trades, new Symbol("ETH", "GUSDPERP"))));
        Assert.Null(protocol.Validate(new Subscription(MarketChannel.Trades, new Symbol("ANKR", "USD"))));
        var problem = protocol.Validate(new Subscription(MarketChannel.Trades, new Symbol("ETHG", "USDPERP")));
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
    public void Descriptor_NameApisAndSdkVersion()
    {
        var descriptor = new GeminiPlugin().Descriptor;

        Assert.Equal("gemini", descriptor.Name);
        Assert.Equal(["ws", "v2"], descriptor.Apis);
        Assert.Equal(SdkInfo.Version, descriptor.SdkVersion);
    }
}
