using System.Text.Json;
using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Gemini.Tests.EndToEnd;

public sealed class SimulatorRestTests
{
    [Fact]
    public async Task Endpoints_SameNamesAsThePlugin_OnLoopback()
    {
        await using var sim = await SimulatorFixture.StartAsync();

        Assert.Equal(["rest", "ws", "ws_v2"], sim.Simulator.Endpoints.Keys.Order());
        Assert.All(sim.Simulator.Endpoints.Values, uri => Assert.Equal("127.0.0.1", uri.Host));
    }

    [Theory]
    [InlineData("/v1/symbols/details/btcusd", "base_currency")]
    [InlineData("/v1/pubticker/btcusd", "volume")]
    [InlineData("/v1/book/ethusd", "bids")]
    public async Task Get_PublicObjectEndpoints_GeminiShapes(string path, string field)
    {
        await using var sim = await SimulatorFixture.StartAsync();

        using var doc = await GetAsync(sim, path);

        Assert.True(doc.RootElement.TryGetProperty(field, out _), $"{path} lacks {field}");
    }

    [Fact]
    public async Task Get_TradesAndCandles_ArraysNewestFirstOnceTheMarketTraded()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await Eventually.True(() => sim.Simulator.Markets.Read(() => sim.Simulator.Markets.Find("btcusd")!.Recent.Count) >= 3, "three simulated trades");

        using var trades = await GetAsync(sim, "/v1/trades/btcusd");
        using var candles = await GetAsync(sim, "/v2/candles/btcusd/1m");
        using var symbols = await GetAsync(sim, "/v1/symbols");

        var ms = trades.RootElement.EnumerateArray().Select(t => t.GetProperty("tid").GetInt64()).ToArray();
        Assert.Equal(ms.OrderDescending(), ms);
        Assert.Equal(6, candles.RootElement[0].GetArrayLength());
        Assert.Equal(["btceur", "btcusd", "ethbtc", "ethusd", "solusd"], symbols.RootElement.EnumerateArray().Select(s => s.GetString()).Order());
    }

    [Fact]
    public async Task Get_UnknownSymbol_GeminiErrorObject()
    {
        await using var sim = await SimulatorFixture.StartAsync();

        var response = await sim.Http.SendAsync(new RestRequest(HttpMethod.Get, new Uri(sim.Simulator.Endpoints["rest"], "/v1/symbols/details/nosuch")));

        Assert.Equal(400, response.StatusCode);
        using var doc = JsonDocument.Parse(response.Body);
        Assert.Equal(("error", "InvalidSymbol"), (doc.RootElement.GetProperty("result").GetString(), doc.RootElement.GetProperty("reason").GetString()));
    }

    private static async Task<JsonDocument> GetAsync(SimulatorFixture sim, string path)
    {
        var response = await sim.Http.SendAsync(new RestRequest(HttpMethod.Get, new Uri(sim.Simulator.Endpoints["rest"], path)));
        Assert.Equal(200, response.StatusCode);
        return JsonDocument.Parse(response.Body);
    }
}
