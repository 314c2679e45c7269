using Fluxum.Sdk.Testing.Transport;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Kraken.Tests.EndToEnd;

/// <summary>The simulator trades a fixed instrument list, as Kraken does, and refuses any other pair with Kraken's errors.</summary>
public sealed class SimulatorInstrumentsTests
{
    [Fact]
    public void SimulatedInstruments_RealKrakenPrecisions()
    {
        var instruments = new KrakenPlugin().SimulatedInstruments;

        Assert.Contains(new SimulatedInstrument(Symbol.Parse("BTC/USD"), 1, 8), instruments);
        Assert.Contains(new SimulatedInstrument(Symbol.Parse("ETH/USD"), 2, 8), instruments);
        Assert.Contains(new SimulatedInstrument(Symbol.Parse("ETH/BTC"), 5, 8), instruments);
        Assert.DoesNotContain(instruments, i => i.Symbol == Symbol.Parse("FOO/BAR"));
    }

    [Fact]
    public async Task AssetPairs_ServesExactlyTheInstrumentList_WithPrecisions()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = new LoopbackRestTransport();

        using var pairs = await GetAsync(http, sim, "/0/public/AssetPairs");
        using var assets = await GetAsync(http, sim, "/0/public/Assets");

        var result = pairs.RootElement.GetProperty("result");
        var listed = result.EnumerateObject().Select(p => p.Value.GetProperty("wsname").GetString()!).Order().ToArray();
        Assert.Equal(["ETH/USD", "ETH/XBT", "SOL/USD", "XBT/EUR", "XBT/USD", "XRP/USD"], listed);
        var btc = result.GetProperty("XXBTZUSD");
        Assert.Equal((1, 8), (btc.GetProperty("pair_decimals").GetInt32(), btc.GetProperty("lot_decimals").GetInt32()));
        var eth = result.GetProperty("XETHZUSD");
        Assert.Equal((2, 8), (eth.GetProperty("pair_decimals").GetInt32(), eth.GetProperty("lot_decimals").GetInt32()));
        Assert.Equal(10, assets.RootElement.GetProperty("result").GetProperty("XXBT").GetProperty("decimals").GetInt32());
        Assert.Equal(4, assets.RootElement.GetProperty("result").GetProperty("ZUSD").GetProperty("decimals").GetInt32());
    }

    [Theory]
    [InlineData("/0/public/AssetPairs?pair=FOO/BAR", "EQuery:Unknown asset pair")]
    [InlineData("/0/public/Ticker?pair=FOO/BAR", "EQuery:Unknown asset pair")]
    [InlineData("/0/public/Assets?asset=FOO", "EQuery:Unknown asset")]
    public async Task Rest_UnknownPairOrAsset_KrakenErrorArray(string path, string error)
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = new LoopbackRestTransport();

        using var doc = await GetAsync(http, sim, path);

        Assert.Equal([error], doc.RootElement.GetProperty("error").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task AssetPairs_PairFilter_OnlyThosePairs()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = new LoopbackRestTransport();

        using var doc = await GetAsync(http, sim, "/0/public/AssetPairs?pair=BTC/USD,XETHZUSD");

        Assert.Equal(["XETHZUSD", "XXBTZUSD"], doc.RootElement.GetProperty("result").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Subscribe_SymbolOutsideTheList_CurrencyPairNotSupportedNothingStreams()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var harness = sim.Harness();
        await harness.ConnectAsync();
        var foo = Symbol.Parse("FOO/BAR");

        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), foo));
        await harness.SubscribeAsync(new Subscription(MarketChannel.Ticker, foo, Symbol.Parse("SOL/USD")));

        await VenueHarness.WaitUntilAsync(() => harness.Sink.OfType<Ticker>().Any(t => t.Symbol == Symbol.Parse("SOL/USD")), "a SOL/USD ticker", TimeSpan.FromSeconds(10));
        var refused = harness.Sink.OfType<SubscriptionAck>().Where(a => !a.Success).ToArray();
        Assert.Equal(2, refused.Length);
        Assert.All(refused, a => Assert.Equal(foo, a.Symbol));
        Assert.All(refused, a => Assert.Equal("Currency pair not supported FOO/BAR", a.Error));
        Assert.DoesNotContain(harness.Sink.OfType<Ticker>(), t => t.Symbol == foo);
        Assert.Null(harness.Books.Snapshot(foo));
    }

    private static async Task<JsonDocument> GetAsync(LoopbackRestTransport http, SimulatorFixture sim, string path)
    {
        var response = await http.SendAsync(new RestRequest(HttpMethod.Get, new Uri(sim.Simulator.Endpoints["rest"], path)));
        Assert.Equal(200, response.StatusCode);
        return JsonDocument.Parse(response.Body);
    }
}
