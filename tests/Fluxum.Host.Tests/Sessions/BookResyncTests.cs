using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Tests.Sessions;

public sealed class BookResyncTests
{
    private static readonly Subscription BtcBook = new(MarketChannel.Book(10), JsonTestProtocol.Btc);

    [Fact]
    public async Task CrossedBookUpdate_SessionSendsProtocolResyncAndNextSnapshotHeals()
    {
        await using var server = new TestVenueServer();
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
        await using var server = new TestVenueServer();
        await using var harness = new SessionHarness(server);
        var snapshots = harness.Hub.BookSnapshots(JsonTestProtocol.Btc);
        await harness.SubscribeAsync(BtcBook);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]"));
        await Eventually.TrueAsync(() => !harness.Feed.Books.IsStale(JsonTestProtocol.Btc), "the first snapshot");

        await server.KillAsync();
        await harness.States.WaitForAsync<Fluxum.Sdk.Sessions.SessionState.Reconnecting>();
        await harness.States.WaitForAsync<Fluxum.Sdk.Sessions.SessionState.ReadyState>();

        Assert.True(harness.Feed.Books.IsStale(JsonTestProtocol.Btc));
        Assert.Null(harness.Feed.Books.Top(JsonTestProtocol.Btc));
        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"5\"]", "[\"101\",\"1\"]"));
        var seen = await Eventually.TakeAsync(snapshots, 3);
        Assert.Equal([false, true, false], seen.Select(s => s.IsStale));
        Assert.Equal(5m, seen[2].BestBid!.Value.Size);
    }
}
