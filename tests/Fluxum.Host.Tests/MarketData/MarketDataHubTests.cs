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
    public async Task SlowSubscriber_OverRealSocket_GapCountedWhileFastSubscriberAndSocketGetEverything()
    {
        const int count = 400;
        await using var server = new TestVenueServer();
        await using var harness = new SessionHarness(server, hubOptions: new MarketDataHubOptions { SubscriberCapacity = 16 });
        await using var quality = harness.Hub.DataQuality().GetAsyncEnumerator();
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
        Assert.Equal(count - 16, harness.Hub.Counters.Dropped);
        Assert.Equal(1, harness.Hub.Counters.SubscriberGaps);
        Assert.True(await quality.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var opened = quality.Current;
        Assert.Equal(DataQualityKind.SubscriberGap, opened.Kind);
        Assert.Contains("trades consumer", opened.Detail, StringComparison.Ordinal);
        Assert.Contains("fell behind", opened.Detail, StringComparison.Ordinal);

        // The slow consumer reads what it kept, then the next trade closes its gap with the exact count.
        for (var i = 0; i < 16; i++)
        {
            Assert.True(await slow.MoveNextAsync());
        }

        await server.BroadcastAsync(TestVenueServer.Trade(count + 1));
        Assert.True(await slow.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal((count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), slow.Current.TradeId);
        Assert.True(await quality.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        var closed = quality.Current;
        Assert.Contains($"caught up after missing {count - 16} events", closed.Detail, StringComparison.Ordinal);
        await slow.DisposeAsync();
    }

    [Fact]
    public async Task BookSnapshots_SlowConsumer_AlwaysGetsTheNewestBook()
    {
        var (hub, feed, protocol) = Hub(new MarketDataHubOptions { SnapshotCapacity = 2 });
        feed.Books.Track(JsonTestProtocol.Btc, 10);
        var snapshots = hub.BookSnapshots(JsonTestProtocol.Btc);

        Process(feed, protocol, TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]"));
        for (var i = 2; i <= 20; i++)
        {
            Process(feed, protocol, TestVenueServer.Book(false, $"[\"100\",\"{i}\"]", string.Empty));
        }

        var kept = await Eventually.TakeAsync(snapshots, 2);
        Assert.Equal(20m, kept[^1].BestBid!.Value.Size);
        Assert.Equal(1, hub.Counters.SubscriberGaps);
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
