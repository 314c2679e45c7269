using System.Text.Json;
using Fluxum.Host.MarketData;
using Fluxum.Host.Sessions;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Transport;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Sessions;

/// <summary>
/// Book-sync strategy (c): every message carries the connection's sequence number (Coinbase's <c>sequence_num</c>);
/// a gap marks every book stale and makes the connection's subscriptions again. Over a real loopback WebSocket.
/// </summary>
public sealed class ConnectionSequenceTests
{
    private static readonly Symbol Btc = JsonTestProtocol.Btc;

    [Fact]
    public async Task Gap_EveryBookStaleAndEverySubscriptionMadeAgain_ThenBooksComeBackWithTheNewSnapshots()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var run = Run(server, BookSync.SocketWithConnectionSequence);
        await run.Session.SubscribeAsync([new Subscription(MarketChannel.Book(10), Btc), new Subscription(MarketChannel.Trades, Btc)]);
        await run.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await server.BroadcastAsync(Numbered(1, TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]")));
        await server.BroadcastAsync(Numbered(2, TestVenueServer.Trade(1)));
        await Eventually.TrueAsync(() => run.Feed.Books.Snapshot(Btc) is { IsStale: false }, "the book");
        Assert.Equal(1, server.SubscribeCount("book", "BTC/USD"));

        // Message 3 never came: 4 follows 2.
        await server.BroadcastAsync(Numbered(4, TestVenueServer.Trade(2)));

        await Eventually.TrueAsync(() => run.Session.Counters.SequenceGaps == 1, "the gap counted");
        Assert.True(run.Feed.Books.IsStale(Btc));
        await Eventually.TrueAsync(() => server.SubscribeCount("book", "BTC/USD") == 2 && server.SubscribeCount("trades", "BTC/USD") == 2, "every subscription made again");
        // The venue answers the new subscription with a snapshot; numbering continues from 4.
        await server.BroadcastAsync(Numbered(5, TestVenueServer.Book(true, "[\"102\",\"1\"]", "[\"103\",\"1\"]")));
        await Eventually.TrueAsync(() => run.Feed.Books.Snapshot(Btc) is { IsStale: false, Bids: [{ Price: 102m }] }, "the book back from the new snapshot");
        Assert.Equal(1, run.Session.Counters.SequenceGaps);
    }

    [Fact]
    public async Task Gap_VenueThatDeclaresAnotherStrategy_SequenceNumbersIgnored()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var run = Run(server, BookSync.Socket);
        await run.Session.SubscribeAsync([new Subscription(MarketChannel.Book(10), Btc)]);
        await run.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await server.BroadcastAsync(Numbered(1, TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"101\",\"1\"]")));
        await server.BroadcastAsync(Numbered(9, TestVenueServer.Book(false, "[\"100\",\"2\"]", string.Empty)));

        await Eventually.TrueAsync(() => run.Feed.Books.Snapshot(Btc) is { IsStale: false, Bids: [{ Size: 2m }] }, "both frames applied");
        Assert.Equal(0, run.Session.Counters.SequenceGaps);
        Assert.Equal(1, server.SubscribeCount("book", "BTC/USD"));
    }

    /// <summary>A test venue frame with its connection sequence number added.</summary>
    private static string Numbered(long sequence, string frame) => frame.Insert(1, $"\"seq\":{sequence},");

    private static SequenceRun Run(TestVenueServer server, BookSync strategy)
    {
        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var protocol = new NumberedProtocol(new JsonTestProtocol(SessionHarness.VenueName, server.Uri));
        var feed = hub.AddVenue(SessionHarness.VenueName, new BookManager(SessionHarness.VenueName, JsonTestProtocol.Rules) { TrackedOnly = true });
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, TimeProvider.System, NullLoggerFactory.Instance);
        var options = new SessionOptions
        {
            ReconnectPolicy = SessionHarness.FastPolicy(),
            Capabilities = JsonTestProtocol.Capabilities with { BookSync = strategy },
        };
        return new SequenceRun(hub, feed, new VenueSession(protocol, transport, feed, options, TimeProvider.System, NullLogger<VenueSession>.Instance));
    }

    private sealed record SequenceRun(MarketDataHub Hub, VenueFeed Feed, VenueSession Session) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Session.DisposeAsync();
            Hub.Complete();
        }
    }

    /// <summary>The JSON test protocol, reporting each frame's <c>seq</c> as the connection sequence.</summary>
    private sealed class NumberedProtocol(JsonTestProtocol inner) : DelegatingTestProtocol(inner)
    {
        public override TimeSpan? PingInterval => null;

        public override void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
        {
            inner.Decode(frame, receivedAt, sink);
            var reader = new Utf8JsonReader(frame);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.TryGetProperty("seq", out var seq))
            {
                sink.ConnectionSequence(seq.GetInt64());
            }
        }
    }
}
