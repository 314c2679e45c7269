using Fluxum.Host.Scripting;
using Fluxum.Host.Tests.Scripting.Support;
using Fluxum.Sdk.MarketData;
using static Fluxum.Host.Tests.Scripting.Support.MarketEvents;

namespace Fluxum.Host.Tests.Scripting;

[Collection(ExampleScriptsCollection.Name)]
public sealed class AggregateScriptTests(ExampleScriptsFixture scripts)
{
    [Fact]
    public async Task Aggregate_TickersFromTwoVenues_PrintsBothInOneStreamAndCounts()
    {
        var market = new FakeMarket("gemini", "kraken");
        var output = new LineRecorder();
        using var shutdown = new CancellationTokenSource();
        var run = scripts["aggregate"].RunAsync(ScriptHarness.Environment(market, output, ["BTC/USD"]), shutdown.Token);
        await market.WaitForSubscribersAsync<Ticker>(2);

        market.Publish(Ticker("kraken", BtcUsd, 64000.1m, 64000.5m, 64000.3m));
        market.Publish(Ticker("gemini", EthUsd, 3000m, 3001m, 3000.5m));
        market.Publish(Ticker("gemini", BtcUsd, 64000.0m, 64000.9m, null));
        market.Publish(Ticker("kraken", BtcUsd, 64000.2m, 64000.6m, 64000.4m));
        await output.WaitForAsync(l => l.StartsWith("TICKER kraken BTC/USD bid 64000.2", StringComparison.Ordinal));
        await output.WaitForAsync(l => l.StartsWith("TICKER gemini", StringComparison.Ordinal));
        await shutdown.CancelAsync();
        var outcome = await run;

        Assert.IsType<ScriptOutcome.Completed>(outcome);
        Assert.Equal("AGGREGATE BTC/USD from gemini,kraken", output.Lines[0]);
        var tickers = output.Lines.Where(l => l.StartsWith("TICKER", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, tickers.Count);
        Assert.Contains("TICKER kraken BTC/USD bid 64000.1 ask 64000.5 last 64000.3", tickers);
        Assert.Contains("TICKER gemini BTC/USD bid 64000.0 ask 64000.9 last -", tickers);
        Assert.Contains("TICKER kraken BTC/USD bid 64000.2 ask 64000.6 last 64000.4", tickers);
        Assert.Equal(["COUNT gemini BTC/USD 1", "COUNT kraken BTC/USD 2"], output.Lines.Where(l => l.StartsWith("COUNT", StringComparison.Ordinal)));
    }
}
