using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Fluxum.Host.Books;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.Runtime;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Books;

/// <summary>
/// Book-sync strategy (b), run by the host for a test venue that declares it: diffs over a real loopback WebSocket,
/// snapshots from a scripted REST transport (Binance's documented shape: <c>lastUpdateId</c>, then diffs <c>U..u</c>).
/// </summary>
public sealed class RestSnapshotSyncEndToEndTests
{
    private static readonly Symbol Btc = JsonTestProtocol.Btc;
    private static readonly Symbol Eth = JsonTestProtocol.Eth;

    [Fact]
    public async Task Sync_SnapshotTooOldFetchedAgain_BufferedDiffsDiscardedByLastUpdateId_GapResyncsThatSymbolOnly()
    {
        await using var server = await TestVenueServer.StartAsync();
        var rest = new ScriptedDepthRest();
        // BTC: the first snapshot (5) is older than the first buffered diff (10): too old, fetched again (12).
        rest.Script(Btc, Depth(5, bid: (100m, 9m), ask: (101m, 9m)));
        rest.Script(Btc, Depth(12, bid: (100m, 1m), ask: (101m, 1m)));
        // After the gap: a new snapshot (25).
        rest.Script(Btc, Depth(25, bid: (200m, 1m), ask: (201m, 1m)));
        rest.Script(Eth, Depth(50, bid: (10m, 9m), ask: (11m, 1m)));
        await using var deployment = await StartAsync(server, rest);
        var runtime = deployment.Venues[0];
        var books = runtime.Feed!.Books;
        var sync = runtime.Feed.RestSync!;
        string Diagnose() =>
            $"fetched {sync.SnapshotsFetched} (BTC {rest.Fetches(Btc)}, ETH {rest.Fetches(Eth)}), too old {sync.SnapshotsTooOld}, failures {sync.SnapshotFailures}, gaps {sync.Gaps}, "
            + $"discarded {sync.Discarded}; frames {runtime.Feed.Counters.Frames}, malformed {runtime.Feed.Counters.MalformedFrames}; BTC {books.Snapshot(Btc)?.IsStale.ToString() ?? "none"}, ETH {books.Snapshot(Eth)?.IsStale.ToString() ?? "none"}";

        // Diffs before any snapshot: buffered. 10..11 is already in the snapshot at 12 (discarded); 12..13 straddles it.
        await server.BroadcastAsync(Diff(Btc, 10, 11, bid: (100m, 2m)));
        await server.BroadcastAsync(Diff(Btc, 12, 13, ask: (101m, 3m)));
        await server.BroadcastAsync(Diff(Btc, 14, 14, bid: (99m, 5m)));
        await server.BroadcastAsync(Diff(Eth, 50, 52, bid: (10m, 1m)));

        await Eventually.TrueAsync(() => books.Snapshot(Btc) is { IsStale: false } && books.Snapshot(Eth) is { IsStale: false }, "both books synced", 10_000, Diagnose);
        var btc = books.Snapshot(Btc)!;
        Assert.Equal([new BookLevel(100m, 1m), new BookLevel(99m, 5m)], btc.Bids); // 10..11 discarded: the snapshot had it
        Assert.Equal([new BookLevel(101m, 3m)], btc.Asks);
        Assert.Equal([new BookLevel(10m, 1m)], books.Snapshot(Eth)!.Bids);
        Assert.Equal(1, sync.SnapshotsTooOld);
        Assert.Equal(2, rest.Fetches(Btc));
        Assert.Equal(1, rest.Fetches(Eth));
        Assert.True(sync.Discarded >= 1, $"discarded {sync.Discarded}");

        // Live: the next BTC diff skips ids 15..19. BTC alone goes stale and syncs again from a new snapshot.
        await server.BroadcastAsync(Diff(Btc, 20, 21, bid: (150m, 1m)));
        await server.BroadcastAsync(Diff(Btc, 22, 26, ask: (201m, 4m)));
        await Eventually.TrueAsync(() => sync.Gaps == 1, "the gap seen", 10_000, Diagnose);
        Assert.False(books.IsStale(Eth));
        await Eventually.TrueAsync(() => books.Snapshot(Btc) is { IsStale: false, Bids: [{ Price: 200m }] }, "BTC synced again", 10_000, Diagnose);
        Assert.Equal([new BookLevel(201m, 4m)], books.Snapshot(Btc)!.Asks); // 22..26 straddles 25: applied
        Assert.Equal(3, rest.Fetches(Btc));
        Assert.Equal(1, rest.Fetches(Eth));
        Assert.False(books.IsStale(Eth));
    }

    [Fact]
    public async Task Sync_ASnapshotAppliedFromThePoolNeverRacesTheReceiveLoop_TheManagerHasOneWriterAtATime()
    {
        // The book manager's contract is one writer at a time. A snapshot completes on the thread pool while the
        // receive loop goes on applying other symbols' diffs: the two must not both be inside the manager at once.
        await using var server = await TestVenueServer.StartAsync();
        var rest = new ScriptedDepthRest();
        rest.Script(Btc, Depth(12, bid: (100m, 1m), ask: (101m, 1m)));
        rest.Script(Btc, Depth(25, bid: (200m, 1m), ask: (201m, 1m)));
        rest.Script(Eth, Depth(50, bid: (10m, 9m), ask: (11m, 1m)));
        await using var deployment = await StartAsync(server, rest);
        var runtime = deployment.Venues[0];
        var books = runtime.Feed!.Books;
        await server.BroadcastAsync(Diff(Btc, 12, 13, ask: (101m, 3m)));
        await server.BroadcastAsync(Diff(Eth, 50, 51, bid: (10m, 1m)));
        await Eventually.TrueAsync(() => books.Snapshot(Btc) is { IsStale: false } && books.Snapshot(Eth) is { IsStale: false }, "both books synced", 10_000);

        // BTC's resync is applied on the pool; its Resynced event is raised there, inside the apply. Holding that
        // handler holds the writer: an ETH diff sent meanwhile must wait for it, not be applied beside it.
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        books.Quality += e =>
        {
            if (e.Symbol == Btc && e.Kind == DataQualityKind.Resynced)
            {
                inside.Set();
                release.Wait(TimeSpan.FromSeconds(10));
            }
        };
        await server.BroadcastAsync(Diff(Btc, 20, 21, bid: (150m, 1m)));
        await server.BroadcastAsync(Diff(Btc, 22, 26, ask: (201m, 4m)));
        Assert.True(inside.Wait(TimeSpan.FromSeconds(10)), "BTC was not resynced");
        await server.BroadcastAsync(Diff(Eth, 52, 52, bid: (10m, 7m)));
        await Task.Delay(500);
        var ethDuringTheSnapshot = books.Snapshot(Eth)!.Bids;
        release.Set();

        Assert.Equal([new BookLevel(10m, 1m)], ethDuringTheSnapshot);
        await Eventually.TrueAsync(() => books.Snapshot(Eth) is { Bids: [{ Size: 7m }] }, "the ETH diff applied after the snapshot", 10_000);
        Assert.False(books.IsStale(Btc));
    }

    /// <summary>The stitch venue live against <paramref name="server"/>, its snapshots from <paramref name="rest"/>, connected.</summary>
    private static async Task<Deployment> StartAsync(TestVenueServer server, ScriptedDepthRest rest)
    {
        var options = DeploymentTests.Venue("stitch", new StitchPlugin(rest), VenueMode.Live, server.Uri) with
        {
            Subscriptions = [new Subscription(MarketChannel.Book(10), Btc, Eth)],
            RestSnapshotSync = new RestSnapshotSyncOptions { FirstFetchDelay = TimeSpan.FromMilliseconds(50), RetryDelay = TimeSpan.FromMilliseconds(300) },
        };
        options = options with { Context = options.Context with { Rest = rest } };
        var deployment = new Deployment([options], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);
        Assert.Equal(1, await deployment.StartAsync());
        await deployment.Venues[0].Session!.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return deployment;
    }

    private static string Diff(Symbol symbol, long first, long last, (decimal Price, decimal Size)? bid = null, (decimal Price, decimal Size)? ask = null) =>
        $"{{\"e\":\"depthUpdate\",\"s\":\"{symbol}\",\"U\":{first},\"u\":{last},\"b\":{Levels(bid)},\"a\":{Levels(ask)}}}";

    private static string Depth(long lastUpdateId, (decimal Price, decimal Size) bid, (decimal Price, decimal Size) ask) =>
        $"{{\"lastUpdateId\":{lastUpdateId},\"bids\":{Levels(bid)},\"asks\":{Levels(ask)}}}";

    private static string Levels((decimal Price, decimal Size)? level) =>
        level is { } l ? string.Create(CultureInfo.InvariantCulture, $"[[\"{l.Price}\",\"{l.Size}\"]]") : "[]";

    /// <summary>REST answers scripted per symbol, in order; counts the requests per symbol.</summary>
    private sealed class ScriptedDepthRest : IRestTransport
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _answers = new();
        private readonly ConcurrentDictionary<string, int> _fetches = new();

        public void Script(Symbol symbol, string body) => _answers.GetOrAdd(symbol.ToString(), _ => new()).Enqueue(body);

        public int Fetches(Symbol symbol) => _fetches.GetValueOrDefault(symbol.ToString());

        public Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
        {
            var query = request.Uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
            var symbol = query["symbol"];
            _fetches.AddOrUpdate(symbol, 1, (_, n) => n + 1);
            return Task.FromResult(_answers.TryGetValue(symbol, out var queue) && queue.TryDequeue(out var body)
                ? new RestResponse(200, Encoding.UTF8.GetBytes(body))
                : new RestResponse(503, Encoding.UTF8.GetBytes("{\"msg\":\"no more scripted answers\"}")));
        }
    }

    /// <summary>A venue whose books are synced from REST snapshots: strategy (b).</summary>
    private sealed class StitchPlugin(IRestTransport rest) : IExchangePlugin
    {
        public PluginDescriptor Descriptor { get; } = new("stitch", new Version(1, 0));

        public IVenueAdapter CreateVenue(VenueContext context) => new Venue(context, rest);

        private sealed class Venue(VenueContext context, IRestTransport rest) : IVenueAdapter
        {
            public VenueCapabilities Capabilities { get; } = new()
            {
                Public = [new ChannelOffer(ChannelKind.Book)],
                BookSync = BookSync.RestSnapshot,
                BookRules = new BookRules { Sequence = SequenceRule.None, MinResyncInterval = TimeSpan.Zero },
            };

            public IReadOnlyList<string> Problems { get; } = [];

            public IMarketDataProtocol CreateProtocol(ConnectionKind kind) =>
                new StitchProtocol(new JsonTestProtocol(context.Venue, context.Endpoint("ws", JsonTestPlugin.Unreachable)));

            public async ValueTask<BookSnapshot> FetchBookSnapshotAsync(Symbol symbol, int depth, CancellationToken cancellationToken)
            {
                var uri = new Uri($"http://127.0.0.1:1/api/v3/depth?symbol={Uri.EscapeDataString(symbol.ToString())}&limit={depth}");
                var response = await rest.SendAsync(new RestRequest(HttpMethod.Get, uri) { IsIdempotent = true }, cancellationToken);
                if (!response.IsSuccess)
                {
                    throw new VenueApiException(context.Venue, VenueErrorKind.Unavailable, $"depth answered {response.StatusCode}");
                }

                using var doc = JsonDocument.Parse(response.Body);
                var root = doc.RootElement;
                return new BookSnapshot
                {
                    Venue = context.Venue,
                    Symbol = symbol,
                    Bids = Parse(root.GetProperty("bids")),
                    Asks = Parse(root.GetProperty("asks")),
                    Sequence = root.GetProperty("lastUpdateId").GetInt64(),
                    ReceivedAt = DateTimeOffset.UtcNow,
                };
            }
        }

        private static BookLevel[] Parse(JsonElement levels) =>
            [.. levels.EnumerateArray().Select(l => new BookLevel(decimal.Parse(l[0].GetString()!, CultureInfo.InvariantCulture), decimal.Parse(l[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>The JSON test protocol, plus <c>depthUpdate</c> diffs carrying their first and last update ids.</summary>
    private sealed class StitchProtocol(JsonTestProtocol inner) : DelegatingTestProtocol(inner)
    {
        public override TimeSpan? PingInterval => null;

        public override IReadOnlyList<ReadOnlyMemory<byte>> EncodeResync(Symbol symbol, MarketChannel bookChannel) => [];

        public override void Decode(ReadOnlySpan<byte> frame, DateTimeOffset receivedAt, IFrameSink sink)
        {
            using var doc = JsonDocument.Parse(frame.ToArray());
            var root = doc.RootElement;
            if (!root.TryGetProperty("e", out var type) || type.GetString() != "depthUpdate")
            {
                inner.Decode(frame, receivedAt, sink);
                return;
            }

            var changes = new List<LevelChange>();
            foreach (var (side, name) in new[] { (BookSide.Bid, "b"), (BookSide.Ask, "a") })
            {
                foreach (var level in root.GetProperty(name).EnumerateArray())
                {
                    changes.Add(new LevelChange(side, decimal.Parse(level[0].GetString()!, CultureInfo.InvariantCulture), decimal.Parse(level[1].GetString()!, CultureInfo.InvariantCulture)));
                }
            }

            sink.Book(new BookFrame(Symbol.Parse(root.GetProperty("s").GetString()!), isSnapshot: false, [.. changes], receivedAt)
            {
                FirstSequence = root.GetProperty("U").GetInt64(),
                LastSequence = root.GetProperty("u").GetInt64(),
            });
        }
    }
}
