using Fluxum.Host.Scripting;
using Fluxum.Host.Tests.Scripting.Support;
using Fluxum.Sdk.MarketData;
using static Fluxum.Host.Tests.Scripting.Support.MarketEvents;

namespace Fluxum.Host.Tests.Scripting;

[Collection(ExampleScriptsCollection.Name)]
public sealed class VwapScriptTests(ExampleScriptsFixture scripts)
{
    [Fact]
    public async Task Vwap_TradesAcrossWindow_RollingVwapAndVolumePerVenueAndAll()
    {
        var t0 = new DateTimeOffset(2026, 11, 24, 2, 31, 0, TimeSpan.Zero);
        var market = new FakeMarket("gemini", "kraken");
        var output = new LineRecorder();
        using var shutdown = new CancellationTokenSource();
        var run = scripts["vwap"].RunAsync(ScriptHarness.Environment(market, output, ["BTC/USD", "forever", "1m"]), shutdown.Token);
        await market.WaitForSubscribersAsync<Trade>();

        market.Publish(Trade("kraken", 100m, 1m, t0));
        market.Publish(Trade("kraken", 110m, 3m, t0.AddSeconds(10)));
        market.Publish(Trade("gemini", 200m, 2m, t0.AddSeconds(20)));
        // 70 s after the first trade: the first one (older than newest - 1m) leaves the kraken window.
        market.Publish(Trade("kraken", 120m, 1m, t0.AddSeconds(70)));
        await output.WaitForAsync(l => l.StartsWith("VWAP all BTC/USD", StringComparison.Ordinal), skip: 7);
        await shutdown.CancelAsync();
        Assert.IsType<ScriptOutcome.Completed>(await run);

        var lines = output.Lines;
        Assert.Equal("VWAP kraken BTC/USD 100 volume 1 trades 1 window 1m", lines[1]);
        Assert.Equal("VWAP kraken BTC/USD 107.5 volume 4 trades 2 window 1m", lines[3]); // (100*1 + 110*3) / 4
        Assert.Equal("VWAP gemini BTC/USD 200 volume 2 trades 1 window 1m", lines[5]);
        // all venues after the gemini trade: (100 + 330 + 400) / 6 = 138.333...
        Assert.Equal($"VWAP all BTC/USD {decimal.Round(830m / 6m, 8)} volume 6 trades 3 window 1m", lines[6]);
        Assert.Equal("VWAP all BTC/USD 138.33333333 volume 6 trades 3 window 1m", lines[6]);
        Assert.Equal("VWAP kraken BTC/USD 112.5 volume 4 trades 2 window 1m", lines[7]); // (110*3 + 120*1) / 4
        Assert.Equal("VWAP all BTC/USD 141.66666667 volume 6 trades 3 window 1m", lines[8]); // (330 + 400 + 120) / 6
        Assert.Equal(["TOTAL gemini BTC/USD volume 2 trades 1", "TOTAL kraken BTC/USD volume 5 trades 3"], lines.Skip(9));
    }
}
