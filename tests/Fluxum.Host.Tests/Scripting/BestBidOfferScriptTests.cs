using Fluxum.Host.Scripting;
using Fluxum.Host.Tests.Scripting.Support;
using Fluxum.Sdk.Books;
using Microsoft.Extensions.Time.Testing;
using static Fluxum.Host.Tests.Scripting.Support.MarketEvents;

namespace Fluxum.Host.Tests.Scripting;

[Collection(ExampleScriptsCollection.Name)]
public sealed class BestBidOfferScriptTests(ExampleScriptsFixture scripts)
{
    [Fact]
    public async Task BestBidOffer_ThreeVenues_BestOfFreshBooksAndStaleOnesIgnored()
    {
        var now = new DateTimeOffset(2026, 11, 24, 2, 31, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        var market = new FakeMarket("coinbase", "gemini", "kraken");
        var output = new LineRecorder();
        using var shutdown = new CancellationTokenSource();
        var run = scripts["best-bid-offer"].RunAsync(ScriptHarness.Environment(market, output, ["BTC/USD", "forever", "60s"], time: time), shutdown.Token);
        await market.WaitForSubscribersAsync<BookSnapshot>();

        // coinbase has the best prices of all, but its book was last updated 5 minutes ago: too old to use.
        market.ApplyBook("coinbase", BtcUsd, true, now.AddMinutes(-5), Bid(70000m, 1m), Ask(70000.5m, 1m));
        market.ApplyBook("kraken", BtcUsd, true, now, Bid(64000.1m, 1m), Bid(63999m, 2m), Ask(64000.6m, 1m), Ask(64001m, 3m));
        market.ApplyBook("gemini", BtcUsd, true, now, Bid(64000.0m, 2m), Ask(64000.5m, 1m), Ask(64002m, 1m));
        var both = await output.WaitForAsync(l => l.EndsWith("stale coinbase", StringComparison.Ordinal) && l.Contains("(gemini)", StringComparison.Ordinal));
        market.Managers["gemini"].MarkStale(BtcUsd, "checksum mismatch");
        market.Publish(market.Managers["gemini"].Snapshot(BtcUsd)!);
        var withoutGemini = await output.WaitForAsync(l => l.EndsWith("stale coinbase,gemini", StringComparison.Ordinal));
        market.ApplyBook("gemini", BtcUsd, true, now, Bid(64000.3m, 1m), Ask(64000.4m, 1m));
        var geminiBack = await output.WaitForAsync(l => l.Contains("bid 64000.3 (gemini)", StringComparison.Ordinal));
        await shutdown.CancelAsync();

        Assert.IsType<ScriptOutcome.Completed>(await run);
        Assert.Equal("BBO BTC/USD bid 64000.1 (kraken) ask 64000.5 (gemini) spread 0.4 stale coinbase", both);
        Assert.Equal("BBO BTC/USD bid 64000.1 (kraken) ask 64000.6 (kraken) spread 0.5 stale coinbase,gemini", withoutGemini);
        Assert.Equal("BBO BTC/USD bid 64000.3 (gemini) ask 64000.4 (gemini) spread 0.1 stale coinbase", geminiBack);
        Assert.DoesNotContain(output.Lines, l => l.Contains("(coinbase)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BestBidOffer_NoGoodBook_SaysNone()
    {
        var market = new FakeMarket("kraken");
        var output = new LineRecorder();
        using var shutdown = new CancellationTokenSource();
        var run = scripts["best-bid-offer"].RunAsync(ScriptHarness.Environment(market, output, ["BTC/USD"]), shutdown.Token);
        await market.WaitForSubscribersAsync<BookSnapshot>();

        market.ApplyBook("kraken", BtcUsd, true, DateTimeOffset.UtcNow, Bid(64000m, 1m));
        var line = await output.WaitForAsync(l => l.StartsWith("BBO BTC/USD ", StringComparison.Ordinal));
        await shutdown.CancelAsync();
        await run;

        Assert.Equal("BBO BTC/USD none stale kraken", line);
    }
}
