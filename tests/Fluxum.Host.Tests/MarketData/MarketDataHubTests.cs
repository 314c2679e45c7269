using Fluxum.Host.MarketData;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.MarketData;

public sealed class MarketDataHubTests
{
    [Fact]
    public async Task SlowSubscriber_OverRealSocket_SkipsToRecentTradesWhileFastSubscriberAndSocketGetEverything()
    {
        const int count = 400;
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server, hubOptions: new MarketDataHubOptions { SubscriberCapacity = 16 });
        var slow = harness.Hub.Trades().GetAsyncEnumerator();
        var fastReceived = new List<Trade>();
        var fastStream = harness.Hub.Trades(JsonTestProtocol.Btc);
        var fast = Task.Run(async () =>
        {
            await foreach (var trade in fastStream)
            {
                lock (fastReceived)
                {
                    fastReceived.Add(trade);
                }

                if (trade.TradeId == count.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return;
                }
            }
        });
        await harness.SubscribeAsync(new Subscription(MarketChannel.Trades, JsonTestProtocol.Btc));
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Batches the fast consumer keeps up with (8 < its buffer of 16); the slow one never reads.
        for (var i = 1; i <= count; i++)
        {
            await server.BroadcastAsync(TestVenueServer.Trade(i));
            if (i % 8 == 0)
            {
                var sent = i;
                await Eventually.TrueAsync(() => { lock (fastReceived) { return fastReceived.Count == sent; } }, $"the fast consumer has {sent} trades");
            }
        }

        await fast.WaitAsync(TimeSpan.FromSeconds(10));
        var received = fastReceived;
        Assert.Equal(Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), received.Select(t => t.TradeId));
        await Eventually.TrueAsync(() => harness.Feed.Counters.Frames == count + 1, "every frame read off the socket");

        // Each time its 16 filled, the slow consumer's unread backlog was skipped: trades 17, 33, ... 385 found it full.
        Assert.Equal(24, harness.Hub.Counters.SubscriberGaps);
        Assert.Equal(24 * 16, harness.Hub.Counters.Dropped);
        for (var i = 385; i <= count; i++)
        {
            Assert.True(await slow.MoveNextAsync());
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), slow.Current.TradeId);
        }

        await server.BroadcastAsync(TestVenueServer.Trade(count + 1));
        Assert.True(await slow.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal((count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), slow.Current.TradeId);
        await slow.DisposeAsync();
    }

    [Fact]
    public async Task Deliver_ConsumerAFullBufferBehind_SkipsItsBacklogCountsTheGapAndReadsCurrentData()
    {
        var (hub, _, _) = Hub(new MarketDataHubOptions { SubscriberCapacity = 4 });
        await using var quality = hub.DataQuality().GetAsyncEnumerator();
        await using var slow = hub.Trades().GetAsyncEnumerator();

        // 1-4 fill its buffer; 5 finds it full (1-4 skipped); 6-8 fill it again; 9 finds it full (5-8 skipped).
        for (var i = 1; i <= 10; i++)
        {
            DeliverTrade(hub, i);
        }

        Assert.True(await slow.MoveNextAsync());
        Assert.Equal("9", slow.Current.TradeId);
        Assert.True(await slow.MoveNextAsync());
        Assert.Equal("10", slow.Current.TradeId);
        var next = slow.MoveNextAsync();
        Assert.False(next.IsCompleted);
        DeliverTrade(hub, 11);
        Assert.True(await next);
        Assert.Equal("11", slow.Current.TradeId);

        Assert.Equal(2, hub.Counters.SubscriberGaps);
        Assert.Equal(8, hub.Counters.Dropped);
        for (var gap = 0; gap < 2; gap++)
        {
            Assert.True(await quality.MoveNextAsync());
            Assert.Equal(DataQualityKind.SubscriberGap, quality.Current.Kind);
            Assert.Equal((SessionHarness.VenueName, JsonTestProtocol.Btc), (quality.Current.Venue, quality.Current.Symbol));
            Assert.Contains("trades consumer #", quality.Current.Detail, StringComparison.Ordinal);
            Assert.Contains("skipped 4 unread events", quality.Current.Detail, StringComparison.Ordinal);
            Assert.Contains("current data", quality.Current.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deliver_SlowConsumerReadingOnePerBurst_NeverMoreThanOneBufferBehindTheNewest()
    {
        // Issue #10.11: a consumer reading one event per second while 30 arrive ended up 33 s behind, because a
        // full buffer kept the oldest events. Now each read is within one buffer of the newest event.
        const int capacity = 8;
        var (hub, _, _) = Hub(new MarketDataHubOptions { SubscriberCapacity = capacity });
        await using var slow = hub.Trades().GetAsyncEnumerator();
        var sent = 0;
        var lags = new List<int>();

        for (var burst = 0; burst < 20; burst++)
        {
            for (var i = 0; i < 30; i++)
            {
                DeliverTrade(hub, ++sent);
            }

            Assert.True(await slow.MoveNextAsync());
            lags.Add(sent - int.Parse(slow.Current.TradeId!, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.All(lags, lag => Assert.InRange(lag, 0, capacity - 1));
        Assert.True(hub.Counters.SubscriberGaps >= 20);

        // Nothing vanished uncounted: every trade was read, skipped (counted), or is still buffered (the last lag).
        Assert.Equal(sent, 20 + hub.Counters.Dropped + lags[^1]);
    }

    [Fact]
    public async Task BookSnapshots_SlowConsumer_AlwaysGetsTheNewestBookAndReportsNoGap()
    {
        // Issue #11.18: a newest-only consumer skipping older snapshots is by design, so it is counted as
        // superseded, not reported as thousands of subscriber_gap events.
        var (hub, feed, protocol) = Hub(new MarketDataHubOptions { SnapshotCapacity = 2 });
        feed.Books.Track(JsonTestProtocol.Btc, 10);
        var snapshots = hub.BookSnapshots(JsonTestProtocol.Btc);
        using var stopQuality = new CancellationTokenSource();
        var quality = hub.DataQuality(stopQuality.Token).GetAsyncEnumerator();
        var nextQuality = quality.MoveNextAsync().AsTask();

        Process(feed, protocol, TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]"));
        for (var i = 2; i <= 20; i++)
        {
            Process(feed, protocol, TestVenueServer.Book(false, $"[\"100\",\"{i}\"]", string.Empty));
        }

        var kept = await Eventually.TakeAsync(snapshots, 2);
        Assert.Equal(20m, kept[^1].BestBid!.Value.Size);
        Assert.Equal(0, hub.Counters.SubscriberGaps);
        Assert.Equal(0, hub.Counters.Dropped);
        Assert.Equal(20 - 2, hub.Counters.Superseded);
        Assert.False(nextQuality.IsCompleted, "no data-quality event");
        await stopQuality.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => nextQuality);
        await quality.DisposeAsync();
    }

    [Fact]
    public async Task BookUpdates_OnlyWhileSubscribed_DeliversAppliedLevelChanges()
    {
        var (hub, feed, protocol) = Hub();
        feed.Books.Track(JsonTestProtocol.Btc, 10);
        Process(feed, protocol, TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]"));
        var updates = hub.BookUpdates(JsonTestProtocol.Btc);

        Process(feed, protocol, TestVenueServer.Book(false, "[\"99\",\"3\"]", "[\"101\",\"0\"]"));

        var changes = await Eventually.TakeAsync(updates, 2);
        Assert.Equal((BookSide.Bid, BookAction.Add, 99m), (changes[0].Side, changes[0].Action, changes[0].Level.Price));
        Assert.Equal((BookSide.Ask, BookAction.Remove), (changes[1].Side, changes[1].Action));
        Assert.False(hub.UpdateSet.HasAny);
    }

    [Fact]
    public async Task ForVenues_TwoVenues_MergesTheirStreamsAndVenueNarrows()
    {
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var a = hub.AddVenue("a", new BookManager("a", BookRules.Default));
        var b = hub.AddVenue("b", new BookManager("b", BookRules.Default));
        var merged = hub.ForVenues("a", "b").Trades();
        var onlyB = hub.Venue("b").Trades();

        a.Publish(Trade("a", "1"));
        b.Publish(Trade("b", "2"));

        Assert.Equal(["a", "b"], (await Eventually.TakeAsync(merged, 2)).Select(t => t.Venue));
        Assert.Equal("2", (await Eventually.TakeAsync(onlyB, 1))[0].TradeId);
        Assert.Equal(["a", "b"], hub.Venues);
        Assert.Equal(["a", "b"], hub.Books.Keys.Order());
    }

    [Fact]
    public void Venue_Unknown_ThrowsListingConfiguredVenues()
    {
        var (hub, _, _) = Hub();

        var error = Assert.Throws<KeyNotFoundException>(() => hub.Venue("nope"));

        Assert.Equal("venue 'nope' is not configured; configured venues: testex", error.Message);
    }

    [Fact]
    public async Task Candles_IntervalFilter_DeliversOnlyThatInterval()
    {
        var (hub, feed, _) = Hub();
        var minutes = hub.Candles(interval: TimeSpan.FromMinutes(1));

        feed.Publish(Candle(TimeSpan.FromMinutes(5)));
        feed.Publish(Candle(TimeSpan.FromMinutes(1)));

        Assert.Equal(TimeSpan.FromMinutes(1), (await Eventually.TakeAsync(minutes, 1))[0].Interval);
    }

    [Fact]
    public async Task Complete_EndsEveryConsumerStream()
    {
        var (hub, _, _) = Hub();
        var trades = hub.Trades();

        hub.Complete();

        Assert.Empty(await Eventually.TakeAsync(trades, int.MaxValue));
    }

    private static (MarketDataHub Hub, VenueFeed Feed, JsonTestProtocol Protocol) Hub(MarketDataHubOptions? options = null)
    {
        var hub = new MarketDataHub(options ?? MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol(SessionHarness.VenueName, JsonTestPluginUri);
        return (hub, hub.AddVenue(SessionHarness.VenueName, new BookManager(SessionHarness.VenueName, protocol.BookRules)), protocol);
    }

    private static readonly Uri JsonTestPluginUri = new("ws://127.0.0.1:1/");

    private static void Process(VenueFeed feed, JsonTestProtocol protocol, string frame) =>
        feed.Process(protocol, System.Text.Encoding.UTF8.GetBytes(frame), DateTimeOffset.UnixEpoch, feed);

    private static void DeliverTrade(MarketDataHub hub, int id) =>
        hub.Deliver(hub.TradeSet, Trade(SessionHarness.VenueName, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), SessionHarness.VenueName, JsonTestProtocol.Btc);

    private static Trade Trade(string venue, string id) => new()
    {
        Venue = venue, ReceivedAt = DateTimeOffset.UnixEpoch, Symbol = JsonTestProtocol.Btc, Price = 1m, Size = 1m, TakerSide = Side.Buy, TradeId = id,
    };

    private static Ohlc Candle(TimeSpan interval) => new()
    {
        Venue = SessionHarness.VenueName, ReceivedAt = DateTimeOffset.UnixEpoch, Symbol = JsonTestProtocol.Btc, Interval = interval,
        Start = DateTimeOffset.UnixEpoch, Open = 1m, High = 1m, Low = 1m, Close = 1m, Volume = 1m,
    };
}
