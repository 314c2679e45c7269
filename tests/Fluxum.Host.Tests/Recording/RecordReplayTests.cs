using Fluxum.Host.MarketData;
using Fluxum.Host.Recording;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Recording;

public sealed class RecordReplayTests : IDisposable
{
    private static readonly Subscription[] Subscriptions =
    [
        new(MarketChannel.Trades, JsonTestProtocol.Btc),
        new(MarketChannel.Book(10), JsonTestProtocol.Btc),
    ];

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"fluxum-record-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public async Task Replay_OfRecordedLiveRun_GivesSameEventsAndSameFinalBook()
    {
        var (liveEvents, liveBook) = await RecordLiveRunAsync();

        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol(SessionHarness.VenueName, new Uri("ws://127.0.0.1:1/"));
        var feed = hub.AddVenue(SessionHarness.VenueName, new BookManager(SessionHarness.VenueName, protocol.BookRules));
        feed.Books.Track(JsonTestProtocol.Btc, 10);
        var events = Collect(hub.Events());
        var replay = new ReplaySource(_path, feed, protocol, Subscriptions, ReplayPace.AsFastAsPossible, TimeProvider.System, NullLogger<ReplaySource>.Instance);

        var frames = await replay.RunAsync();
        hub.Complete();
        var replayed = Decoded(await events);

        Assert.Equal(18, frames);
        Assert.Equal(liveEvents, replayed);
        Assert.Equal(2, protocol.Connections - 1); // the replay's start, then one reset per recorded connection
        var book = feed.Books.Snapshot(JsonTestProtocol.Btc)!;
        Assert.False(book.IsStale);
        Assert.Equal(liveBook.Bids, book.Bids);
        Assert.Equal(liveBook.Asks, book.Asks);
        Assert.Equal([new BookLevel(101m, 4m), new BookLevel(100m, 1m)], book.Bids);
    }

    [Fact]
    public async Task ReadAsync_BrokenLine_ErrorNamesFileAndLine()
    {
        await File.WriteAllLinesAsync(_path, ["{\"venue\":\"x\",\"ts\":\"2026-01-01T00:00:00+00:00\",\"frame\":\"{}\"}", "{\"venue\":\"x\",\"frame\":\"{}\"}"]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await foreach (var unused in RecordingReader.ReadAsync(_path, null))
            {
            }
        });

        Assert.StartsWith($"{_path}:2: a recording entry needs \"venue\", \"ts\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recorder_FullDisk_FailsOnceSwitchesOffCountsTheRestAndNeverThrows()
    {
        Assert.True(File.Exists("/dev/full"), "this test needs Linux's /dev/full");
        var recorder = new FrameRecorder("/dev/full");
        var failures = new List<string>();

        for (var i = 0; i < 10; i++)
        {
            if (recorder.Record("x", DateTimeOffset.UnixEpoch, System.Text.Encoding.UTF8.GetBytes(TestVenueServer.Trade(i))) is { } failure)
            {
                failures.Add(failure);
            }
        }

        Assert.Null(recorder.RecordConnected("x", DateTimeOffset.UnixEpoch));
        recorder.Flush();
        recorder.Dispose();
        var only = Assert.Single(failures);
        Assert.StartsWith("recording to /dev/full failed after 0 frames: ", only, StringComparison.Ordinal);
        Assert.Equal(only, recorder.Failure);
        Assert.Equal(0, recorder.Frames);
        Assert.Equal(10, recorder.FramesNotRecorded);
    }

    [Fact]
    public async Task Recorder_NonUtf8Frame_RoundTripsAsBase64()
    {
        using (var recorder = new FrameRecorder(_path))
        {
            recorder.Record("x", DateTimeOffset.UnixEpoch, [0xff, 0x00, 0x41]);
            recorder.Record("x", DateTimeOffset.UnixEpoch.AddTicks(1), "{\"a\":\"é\\\"\"}"u8);
        }

        var lines = new List<RecordedFrame>();
        await foreach (var line in RecordingReader.ReadAsync(_path, "x"))
        {
            lines.Add(line);
        }

        Assert.Equal(new byte[] { 0xff, 0x00, 0x41 }, lines[0].Frame);
        Assert.Equal("{\"a\":\"é\\\"\"}"u8.ToArray(), lines[1].Frame);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1), lines[1].ReceivedAt);
    }

    [Fact]
    public async Task Replay_AtRecordedPace_WaitsTheRecordedGaps()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using (var recorder = new FrameRecorder(_path))
        {
            recorder.Record("testex", start, System.Text.Encoding.UTF8.GetBytes(TestVenueServer.Trade(1)));
            recorder.Record("other", start, System.Text.Encoding.UTF8.GetBytes(TestVenueServer.Trade(99)));
            recorder.Record("testex", start.AddSeconds(1), System.Text.Encoding.UTF8.GetBytes(TestVenueServer.Trade(2)));
            recorder.Record("testex", start.AddSeconds(3), System.Text.Encoding.UTF8.GetBytes(TestVenueServer.Trade(3)));
        }

        // The clock reports each timer the replay creates, so the test advances only once the replay waits
        // (advancing before its Task.Delay registered would make it wait a full gap longer).
        var time = new Fluxum.Host.Tests.Transport.TimerWatchingTimeProvider();
        time.SetUtcNow(start);
        var hub = new MarketDataHub(MarketDataHubOptions.Default, time, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol(SessionHarness.VenueName, new Uri("ws://127.0.0.1:1/"));
        var feed = hub.AddVenue(SessionHarness.VenueName, new BookManager(SessionHarness.VenueName, protocol.BookRules));
        var replay = new ReplaySource(_path, feed, protocol, Subscriptions, ReplayPace.Recorded, time, NullLogger<ReplaySource>.Instance);

        var run = replay.RunAsync();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1, feed.Counters.Frames);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, feed.Counters.Frames);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(2, feed.Counters.Frames);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(3, await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Replay_AckAtOtherDepthThanConfig_BookKeptAtRecordedDepthWithOneWarningNamingBoth()
    {
        using (var recorder = new FrameRecorder(_path))
        {
            var at = DateTimeOffset.UnixEpoch;
            recorder.Record(SessionHarness.VenueName, at, "{\"type\":\"ack\",\"op\":\"subscribe\",\"channel\":\"book25\",\"symbol\":\"BTC/USD\",\"success\":true}"u8);
            recorder.Record(SessionHarness.VenueName, at, System.Text.Encoding.UTF8.GetBytes(TestVenueServer.Book(true, "[\"100\",\"1\"]", "[\"102\",\"1\"]")));
            recorder.Record(SessionHarness.VenueName, at, "{\"type\":\"ack\",\"op\":\"subscribe\",\"channel\":\"book25\",\"symbol\":\"BTC/USD\",\"success\":true}"u8);
        }

        var hub = new MarketDataHub(MarketDataHubOptions.Default, TimeProvider.System, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol(SessionHarness.VenueName, new Uri("ws://127.0.0.1:1/"));
        var feed = hub.AddVenue(SessionHarness.VenueName, new BookManager(SessionHarness.VenueName, protocol.BookRules));
        feed.Books.Track(JsonTestProtocol.Btc, 10);
        using var logs = new Fluxum.Host.Tests.EndToEnd.CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var replay = new ReplaySource(_path, feed, protocol, Subscriptions, ReplayPace.AsFastAsPossible, TimeProvider.System, loggers.CreateLogger<ReplaySource>());

        await replay.RunAsync();

        var warnings = logs.Lines.Where(l => l.EventId == 1403).Select(l => l.Text.Trim()).ToList();
        Assert.Equal(["testex BTC/USD: the recording was made at book depth 25, the configuration says 10; replaying at the recorded depth"], warnings);
        Assert.Equal(25, feed.Books.Snapshot(JsonTestProtocol.Btc)!.Depth);
    }

    public void Dispose() => File.Delete(_path);

    private async Task<(List<MarketEvent> Events, BookSnapshot Book)> RecordLiveRunAsync()
    {
        await using var server = await TestVenueServer.StartAsync();
        await using var harness = new SessionHarness(server);
        using var recorder = new FrameRecorder(_path);
        harness.Feed.Recorders = [recorder];
        var events = Collect(harness.Hub.Events());
        await harness.Session.SubscribeAsync(Subscriptions);
        await harness.Session.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => harness.Feed.Counters.Frames == 2, "both acks");

        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"1\"],[\"99\",\"2\"]", "[\"102\",\"1\"]"));
        for (var i = 1; i <= 5; i++)
        {
            await server.BroadcastAsync(TestVenueServer.Trade(i, price: 100m + i));
        }

        await server.BroadcastAsync(TestVenueServer.Book(false, "[\"99\",\"0\"]", "[\"103\",\"5\"]"));
        await server.BroadcastAsync(TestVenueServer.Book(false, "[\"101\",\"3\"]", string.Empty));
        await Eventually.TrueAsync(() => harness.Feed.Counters.Frames == 10, "the first connection's frames");
        await server.KillAsync();
        await harness.States.WaitForAsync(Fluxum.Sdk.Sessions.SessionPhase.Ready, s => harness.Session.Counters.Reconnects == 1);
        await Eventually.TrueAsync(() => harness.Feed.Counters.Frames == 12, "the second connection's acks");
        Assert.True(harness.Feed.Books.IsStale(JsonTestProtocol.Btc));

        await server.BroadcastAsync(TestVenueServer.Book(true, "[\"100\",\"1\"],[\"101\",\"3\"]", "[\"102\",\"1\"]"));
        for (var i = 6; i <= 8; i++)
        {
            await server.BroadcastAsync(TestVenueServer.Trade(i));
        }

        await server.BroadcastAsync(TestVenueServer.Book(false, "[\"101\",\"4\"]", "[\"102\",\"0\"],[\"104\",\"2\"]"));
        await server.BroadcastAsync("{\"type\":\"heartbeat\"}");
        await Eventually.TrueAsync(() => harness.Feed.Counters.Frames == 18, "every frame");
        var book = harness.Feed.Books.Snapshot(JsonTestProtocol.Btc)!;
        await harness.Session.DisconnectAsync();
        harness.Hub.Complete();
        var live = Decoded(await events);
        Assert.Equal(8, live.OfType<Trade>().Count());
        Assert.Equal(4, live.OfType<SubscriptionAck>().Count());
        return (live, book);
    }

    /// <summary>What the protocol decoded (the host's own stale/resync reports differ in wording between live and replay).</summary>
    private static List<MarketEvent> Decoded(List<MarketEvent> events) => [.. events.Where(e => e is not DataQualityEvent)];

    private static Task<List<MarketEvent>> Collect(IAsyncEnumerable<MarketEvent> stream) => Task.Run(async () =>
    {
        var all = new List<MarketEvent>();
        await foreach (var e in stream)
        {
            all.Add(e);
        }

        return all;
    });
}
