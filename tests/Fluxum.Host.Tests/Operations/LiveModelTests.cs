using Fluxum.Host.Operations.Live;
using Spectre.Console;

namespace Fluxum.Host.Tests.Operations;

/// <summary>The live view's model, from a <c>/status</c> document, and what the drawing shows of it.</summary>
public sealed class LiveModelTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 10, TimeSpan.Zero);

    [Fact]
    public void From_Status_ConnectionsBooksAndRates()
    {
        var earlier = LiveModel.From(Status(krakenFrames: 100, binanceStale: false), At.AddSeconds(-2), null);
        var model = LiveModel.From(Status(krakenFrames: 300, binanceStale: true), At, earlier);

        var kraken = Assert.Single(model.Connections, c => c.Venue == "kraken" && c.Connection == "public");
        Assert.Equal(100, kraken.MessagesPerSecond); // 200 frames in 2 s
        Assert.Equal(0.001, kraken.LagP50);
        Assert.Equal(0.05, kraken.LagP99);
        Assert.True(kraken.IsReady);
        var account = Assert.Single(model.Connections, c => c.Venue == "kraken" && c.Connection == "account");
        Assert.Null(account.MessagesPerSecond);
        Assert.False(Assert.Single(model.Connections, c => c.Venue == "binance").IsReady);
        Assert.Null(earlier.Connections[0].MessagesPerSecond);

        var btc = Assert.Single(model.Books, b => b.Venue == "kraken");
        Assert.Equal((100m, 101m, 1m), (btc.Bid, btc.Ask, btc.Spread));
        Assert.Equal(TimeSpan.FromSeconds(2), btc.Age);
        Assert.Equal((7, 1, 2, 3), (btc.ChecksumsVerified, btc.ChecksumFailures, btc.Gaps, btc.Resyncs));
        var stale = Assert.Single(model.Books, b => b.Venue == "binance");
        Assert.False(stale.IsGood);
        Assert.Null(stale.Bid);
    }

    [Fact]
    public void From_Status_BestBidOfferOverGoodBooksOnly_UsdtCountsAsUsd()
    {
        var good = LiveModel.From(Status(krakenFrames: 1, binanceStale: false), At, null);
        var best = Assert.Single(good.Best);
        Assert.Equal(new LiveBestBidOffer("BTC/USD", 100.5m, "binance", 101m, "kraken"), best);

        var stale = LiveModel.From(Status(krakenFrames: 1, binanceStale: true), At, null);
        Assert.Equal(new LiveBestBidOffer("BTC/USD", 100m, "kraken", 101m, "kraken"), Assert.Single(stale.Best)); // the stale book's 100.5 is not used
    }

    [Fact]
    public void From_Status_KeepsTheLastEightEvents()
    {
        var model = LiveModel.From(Status(krakenFrames: 1, binanceStale: false, events: 12), At, null);

        Assert.Equal(LiveModel.ShownEvents, model.Events.Count);
        Assert.Equal("event 11", model.Events[^1]);
        Assert.Equal("event 4", model.Events[0]);
    }

    [Fact]
    public void Render_ShowsEveryVenueTheStaleBookAndTheBest()
    {
        var model = LiveModel.From(Status(krakenFrames: 1, binanceStale: true, events: 1), At, null);
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;

        console.Write(LiveView.Render(model, "title"));

        var drawn = text.ToString();
        Assert.Contains("kraken", drawn);
        Assert.Contains("binance", drawn);
        Assert.Contains("STALE", drawn);
        Assert.Contains("Reconnecting", drawn);
        Assert.Contains("event 0", drawn);
        Assert.DoesNotContain("100.5", drawn); // a stale book's prices are never drawn
    }

    private static string Status(long krakenFrames, bool binanceStale, int events = 0)
    {
        var binanceBook = binanceStale
            ? """{ "symbol": "BTC/USDT", "state": "stale", "bid": null, "ask": null, "checksumsVerified": 0, "checksumFailures": 0, "updatedAt": null }"""
            : """{ "symbol": "BTC/USDT", "state": "good", "bid": { "price": 100.5, "size": 1 }, "ask": { "price": 101.5, "size": 1 }, "checksumsVerified": 0, "checksumFailures": 0, "updatedAt": "2026-12-04T12:00:09+00:00" }""";
        var quality = string.Join(",", Enumerable.Range(0, events).Select(i => $"\"event {i}\""));
        return $$"""
            {
              "venues": [
                {
                  "name": "kraken", "mode": "simulated", "status": "running", "fault": null,
                  "public": { "state": "Ready", "reconnects": 0, "refusedSubscriptions": 0, "fault": null },
                  "account": { "state": "Ready", "reconnects": 1, "refusedSubscriptions": 0, "fault": null },
                  "frames": {{krakenFrames}}, "events": 5, "malformedFrames": 0,
                  "lag": { "count": 9, "p50": 0.001, "p99": 0.05 },
                  "books": { "snapshots": 1, "updates": 2, "checksumsVerified": 7, "checksumFailures": 1, "gaps": 2, "crossed": 0, "resyncs": 3, "untrackedFrames": 0, "unverifiedFrames": 0 },
                  "symbols": [ { "symbol": "BTC/USD", "state": "good", "bid": { "price": 100, "size": 1 }, "ask": { "price": 101, "size": 2 }, "checksumsVerified": 7, "checksumFailures": 1, "updatedAt": "2026-12-04T12:00:08+00:00" } ]
                },
                {
                  "name": "binance", "mode": "simulated", "status": "running", "fault": null,
                  "public": { "state": "Reconnecting", "reconnects": 2, "refusedSubscriptions": 0, "fault": null },
                  "account": null,
                  "frames": 10, "events": 5, "malformedFrames": 0,
                  "lag": { "count": 0, "p50": null, "p99": null },
                  "books": { "snapshots": 1, "updates": 2, "checksumsVerified": 0, "checksumFailures": 0, "gaps": 0, "crossed": 0, "resyncs": 1, "untrackedFrames": 0, "unverifiedFrames": 0 },
                  "symbols": [ {{binanceBook}} ]
                }
              ],
              "scripts": { "status": "healthy", "description": "no scripts configured" },
              "quality": [ {{quality}} ]
            }
            """;
    }
}
