using Fluxum.Host.Sessions;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Transport;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Sessions;

public sealed class BookResyncTests
{
    private static readonly Subscription BtcBook = new(MarketChannel.Book(10), JsonTestProtocol.Btc);

    [Fact]
    public async Task CrossedBookUpdate_SessionSendsProtocolResyncAndNextSnapshotHeals()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        await using var quality = harness.Hub.DataQuality().GetAsyncEnumerator();
        await harness.SubscribeAsync(BtcBook);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]"));

        await server.BroadcastAsync(TestVenueServer.Book(false, "[\"102\",\"1\"]", string.Empty));

        await Eventually.TrueAsync(() => server.SubscribeCount("book", "BTC/USD") == 2, "a resubscribe of the book");
        Assert.Contains(server.Received, m => m.Contains("\"op\":\"unsubscribe\",\"channel\":\"book\"", StringComparison.Ordinal));
        Assert.Equal(1, harness.Session.Counters.ResyncsSent);
        Assert.True(harness.Feed.Books.IsStale(JsonTestProtocol.Btc));
        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"2\"]", "[\"101\",\"1\"]"));
        await Eventually.TrueAsync(() => !harness.Feed.Books.IsStale(JsonTestProtocol.Btc), "the book healed");
        var kinds = new List<DataQualityKind>();
        while (!kinds.Contains(DataQualityKind.Resynced) && await quality.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
        {
            kinds.Add(quality.Current.Kind);
        }

        Assert.Equal([DataQualityKind.Crossed, DataQualityKind.Stale, DataQualityKind.Resynced], kinds);
    }

    [Fact]
    public async Task Reconnect_MarksBooksStaleUntilTheirNewSnapshot()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        var snapshots = harness.Hub.BookSnapshots(JsonTestProtocol.Btc);
        await harness.SubscribeAsync(BtcBook);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]"));
        await Eventually.TrueAsync(() => !harness.Feed.Books.IsStale(JsonTestProtocol.Btc), "the first snapshot");

        await server.KillAsync();
        await harness.States.WaitForAsync(SessionPhase.Reconnecting);
        await harness.States.WaitForAsync(SessionPhase.Ready);

        Assert.True(harness.Feed.Books.IsStale(JsonTestProtocol.Btc));
        Assert.Null(harness.Feed.Books.Top(JsonTestProtocol.Btc));
        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"5\"]", "[\"101\",\"1\"]"));
        var seen = await Eventually.TakeAsync(snapshots, 3);
        Assert.Equal([false, true, false], seen.Select(s => s.IsStale));
        Assert.Equal(5m, seen[2].BestBid!.Value.Size);
    }
    [Fact]
    public async Task PrivateConnectionDrop_LeavesThePublicBooksGood()
    {
        // A venue's authenticated connection shares the venue's feed but carries no book. Its drop once marked
        // every book stale after the public connection had resnapshotted them, leaving them stale for good.
        await using var server = await TestVenueServer.StartAsync();
        await using var accountServer = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        await harness.SubscribeAsync(BtcBook);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]"));
        await Eventually.TrueAsync(() => !harness.Feed.Books.IsStale(JsonTestProtocol.Btc), "the first snapshot");

        var accountProtocol = new JsonTestProtocol(SessionHarness.VenueName, accountServer.Uri, null);
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, TimeProvider.System, NullLoggerFactory.Instance);
        await using var account = new VenueSession(
            accountProtocol,
            transport,
            harness.Feed,
            new SessionOptions { ReconnectPolicy = SessionHarness.FastPolicy(), Kind = ConnectionKind.Private, Random = new Random(3) },
            TimeProvider.System,
            NullLogger<VenueSession>.Instance);
        await account.SubscribeAsync([new Subscription(MarketChannel.Trades, JsonTestProtocol.Btc)]);
        await account.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await accountServer.KillAsync();
        await Eventually.TrueAsync(() => account.Counters.Reconnects == 1 && account.State is { Phase: SessionPhase.Ready }, "the account connection back");

        Assert.False(harness.Feed.Books.IsStale(JsonTestProtocol.Btc));
        Assert.Equal(0, harness.Feed.Books.Counters.ResyncRequests);
        Assert.Equal(100m, harness.Feed.Books.Top(JsonTestProtocol.Btc)!.Value.Bid.Price);

        // The public connection's own drop still marks its book stale until a new snapshot.
        await server.KillAsync();
        await harness.States.WaitForAsync(SessionPhase.Reconnecting);
        Assert.True(harness.Feed.Books.IsStale(JsonTestProtocol.Btc));
    }
}
