using Fluxum.Host.Scripting;
using Fluxum.Host.Tests.Scripting.Support;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Time.Testing;
using static Fluxum.Host.Tests.Scripting.Support.MarketEvents;

namespace Fluxum.Host.Tests.Scripting;

[Collection(ExampleScriptsCollection.Name)]
public sealed class CandlesScriptTests(ExampleScriptsFixture scripts)
{
    private static readonly DateTimeOffset M0 = new(2026, 11, 24, 2, 31, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset M1 = M0.AddMinutes(1);
    private static readonly DateTimeOffset M2 = M0.AddMinutes(2);

    [Fact]
    public async Task Candles_TradesAndVenueCandles_BuildsOhlcvAndComparesWithVenue()
    {
        var market = new FakeMarket("kraken");
        var output = new LineRecorder();
        using var shutdown = new CancellationTokenSource();
        var run = scripts["candles"].RunAsync(ScriptHarness.Environment(market, output, ["BTC/USD"]), shutdown.Token);
        await market.WaitForSubscribersAsync<Trade>();
        await market.WaitForSubscribersAsync<Ohlc>();

        market.Publish(Trade("kraken", 100m, 1m, M0.AddSeconds(10)));
        market.Publish(Trade("kraken", 105m, 2m, M0.AddSeconds(20)));
        market.Publish(Trade("kraken", 95m, 1m, M0.AddSeconds(50)));
        market.Publish(Trade("kraken", 101m, 1m, M1.AddSeconds(5)));
        market.Publish(Trade("kraken", 103m, 1m, M1.AddSeconds(30)));
        market.Publish(Trade("kraken", 104m, 0.5m, M2.AddSeconds(1)));
        // The venue's own candles: M0 sent while forming, then closed; M1 saw one more trade than we did.
        market.Publish(Candle("kraken", M0, 100m, 105m, 100m, 105m, 3m, closed: false));
        market.Publish(Candle("kraken", M0, 100m, 105m, 95m, 95m, 4m, closed: true));
        market.Publish(Candle("kraken", M1, 101m, 103m, 101m, 103m, 2.5m, closed: false));
        market.Publish(Candle("kraken", M2, 104m, 104m, 104m, 104m, 0.5m, closed: false));
        await output.WaitForAsync(l => l.StartsWith("COMPARE kraken BTC/USD 2026-11-24T02:32:00Z", StringComparison.Ordinal));
        await output.WaitForAsync(l => l.StartsWith("COMPARE kraken BTC/USD 2026-11-24T02:31:00Z", StringComparison.Ordinal));
        await shutdown.CancelAsync();
        Assert.IsType<ScriptOutcome.Completed>(await run);

        var lines = output.Lines;
        Assert.Contains("BUILT kraken BTC/USD 2026-11-24T02:31:00Z O 100 H 105 L 95 C 95 V 4 N 3", lines);
        Assert.Contains("BUILT kraken BTC/USD 2026-11-24T02:32:00Z O 101 H 103 L 101 C 103 V 2 N 2", lines);
        Assert.Contains("VENUE kraken BTC/USD 2026-11-24T02:31:00Z O 100 H 105 L 95 C 95 V 4 N -", lines);
        Assert.Contains("VENUE kraken BTC/USD 2026-11-24T02:32:00Z O 101 H 103 L 101 C 103 V 2.5 N -", lines);
        Assert.Contains("COMPARE kraken BTC/USD 2026-11-24T02:31:00Z match partial", lines);
        Assert.Contains("COMPARE kraken BTC/USD 2026-11-24T02:32:00Z differ open 0 high 0 low 0 close 0 volume 0.5", lines);
        Assert.Equal("FORMING kraken BTC/USD 2026-11-24T02:33:00Z O 104 H 104 L 104 C 104 V 0.5 N 1", lines[^1]);
        Assert.Single(lines, l => l.StartsWith("VENUE kraken BTC/USD 2026-11-24T02:31:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Candles_LateTradeAndTenSecondsPass_PrintsLateAndFormingCandle()
    {
        var time = new FakeTimeProvider(M1);
        var market = new FakeMarket("gemini");
        var output = new LineRecorder();
        using var shutdown = new CancellationTokenSource();
        var run = scripts["candles"].RunAsync(ScriptHarness.Environment(market, output, ["BTC/USD"], time: time), shutdown.Token);
        await market.WaitForSubscribersAsync<Trade>();
        await market.WaitForSubscribersAsync<Ohlc>();

        market.Publish(Trade("gemini", 100m, 1m, M0.AddSeconds(5)));
        market.Publish(Trade("gemini", 102m, 2m, M1.AddSeconds(1)));
        market.Publish(Trade("gemini", 99m, 1m, M0.AddSeconds(50)));
        var late = await output.WaitForAsync(l => l.StartsWith("LATE", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromSeconds(10));
        var forming = await output.WaitForAsync(l => l.StartsWith("FORMING", StringComparison.Ordinal));
        await shutdown.CancelAsync();
        Assert.IsType<ScriptOutcome.Completed>(await run);

        Assert.Equal("LATE gemini BTC/USD 2026-11-24T02:31:00Z price 99 size 1: that candle was already built", late);
        Assert.Equal("FORMING gemini BTC/USD 2026-11-24T02:32:00Z O 102 H 102 L 102 C 102 V 2 N 1", forming);
        Assert.Contains("BUILT gemini BTC/USD 2026-11-24T02:31:00Z O 100 H 100 L 100 C 100 V 1 N 1", output.Lines);
    }
}
