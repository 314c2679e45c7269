using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Coinbase.Simulator;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Plugins.Coinbase.Tests;

public sealed class SimulatorWireTests
{
    [Fact]
    public async Task Subscribe_SubscriptionsThenSnapshotFirst_SequenceNumIncreasingAcrossChannels()
    {
        await using var simulator = new CoinbaseSimulator(new SimulatorOptions { Seed = 5, TickInterval = TimeSpan.FromMilliseconds(20) });
        await simulator.StartAsync();
        Assert.Equal("/", simulator.Endpoints["ws"].AbsolutePath);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(simulator.Endpoints["ws"], CancellationToken.None);

        await Send(socket, """{"type":"subscribe","product_ids":[],"channel":"heartbeats"}""");
        await Send(socket, """{"type":"subscribe","product_ids":["ETH-USD","BTC-USD"],"channel":"level2"}""");
        var messages = new List<JsonDocument>();
        while (messages.Count < 30)
        {
            messages.Add(JsonDocument.Parse(await Receive(socket)));
        }

        var channels = messages.Select(m => m.RootElement.GetProperty("channel").GetString()).ToList();
        Assert.Equal("subscriptions", channels[0]);
        Assert.Equal("subscriptions", channels[1]);
        Assert.Equal(["BTC-USD", "ETH-USD"], messages[1].RootElement.GetProperty("events")[0].GetProperty("subscriptions").GetProperty("level2").EnumerateArray().Select(e => e.GetString()));
        var firstBook = messages.Select(m => m.RootElement).Where(r => r.GetProperty("channel").GetString() == "l2_data").ToList();
        foreach (var product in new[] { "BTC-USD", "ETH-USD" })
        {
            var first = firstBook.First(r => r.GetProperty("events")[0].GetProperty("product_id").GetString() == product);
            Assert.Equal("snapshot", first.GetProperty("events")[0].GetProperty("type").GetString());
        }

        var sequences = messages.Select(m => m.RootElement.GetProperty("sequence_num").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => (long)i), sequences);
        Assert.All(messages, m => Assert.Equal(string.Empty, m.RootElement.GetProperty("client_id").GetString()));
    }

    [Fact]
    public async Task Subscribe_UnknownProduct_TheVenuesError()
    {
        await using var simulator = new CoinbaseSimulator(new SimulatorOptions { Seed = 5 });
        await simulator.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(simulator.Endpoints["ws"], CancellationToken.None);

        await Send(socket, """{"type":"subscribe","product_ids":["FOO-BAR"],"channel":"ticker"}""");

        Assert.Equal("""{"type":"error","message":"Failed to subscribe","reason":"FOO-BAR is not a valid product"}""", await Receive(socket));
    }

    [Fact]
    public async Task Connect_NoSubscribeWithinFiveSeconds_Disconnected()
    {
        var clock = TestClock.Create();
        await using var simulator = new CoinbaseSimulator(new SimulatorOptions { Seed = 5, Time = clock });
        await simulator.StartAsync();
        using var quiet = new ClientWebSocket();
        using var subscribed = new ClientWebSocket();
        await quiet.ConnectAsync(simulator.Endpoints["ws"], CancellationToken.None);
        await subscribed.ConnectAsync(simulator.Endpoints["ws"], CancellationToken.None);
        await Send(subscribed, """{"type":"subscribe","product_ids":[],"channel":"heartbeats"}""");
        _ = await Receive(subscribed); // the subscriptions message: the subscribe was handled.
        var closed = Receive(quiet);
        await Task.Delay(100);
        Assert.False(closed.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(100);
        Assert.False(closed.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(0.2));

        await Assert.ThrowsAnyAsync<Exception>(() => closed.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(WebSocketState.Open, subscribed.State);
    }

    [Fact]
    public async Task SkipSequence_ReportedThroughTheSink_TheHostResubscribesAndBooksRecover()
    {
        var plugin = new CoinbasePlugin();
        await using var simulator = plugin.CreateSimulator(new SimulatorOptions { Seed = 5, TickInterval = TimeSpan.FromMilliseconds(20) });
        await simulator.StartAsync();
        var adapter = plugin.CreateVenue(Support.Context(simulator.Endpoints));
        var protocol = adapter.CreateProtocol(ConnectionKind.Public);
        await using var harness = new VenueHarness("cb-test", adapter, protocol);
        await harness.ConnectAsync();
        var btc = Symbol.Parse("BTC/USD");
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), btc));
        await Support.WaitUntilAsync(() => !harness.Books.IsStale(btc) && harness.Books.Counters.Updates >= 3, "a good BTC/USD book");

        Assert.True(simulator.Inject(SimulatorFault.SkipSequence(btc)));
        await Support.WaitUntilAsync(() => Gap(harness.Sink.ConnectionSequences), "a skipped sequence_num reported to the sink");

        await Support.WaitUntilAsync(() => harness.ConnectionSequenceGaps >= 1, "the gap seen by the host's rule");
        var snapshots = harness.Sink.BookFrames.Count(f => f.IsSnapshot);
        await Support.WaitUntilAsync(() => harness.Sink.BookFrames.Count(f => f.IsSnapshot) > 1 && !harness.Books.IsStale(btc), "a new snapshot after resubscribing");
        Assert.True(snapshots >= 1);
    }

    [Fact]
    public async Task CutAndMalformedFrames_ReportedNotThrown_TheBookRecovers()
    {
        var plugin = new CoinbasePlugin();
        await using var simulator = plugin.CreateSimulator(new SimulatorOptions { Seed = 9, TickInterval = TimeSpan.FromMilliseconds(20) });
        await simulator.StartAsync();
        var adapter = plugin.CreateVenue(Support.Context(simulator.Endpoints));
        await using var harness = new VenueHarness("cb-test", adapter, adapter.CreateProtocol(ConnectionKind.Public));
        await harness.ConnectAsync();
        var eth = Symbol.Parse("ETH/USD");
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(10), eth));
        await Support.WaitUntilAsync(() => !harness.Books.IsStale(eth) && harness.Books.Counters.Updates >= 2, "a good ETH/USD book");

        Assert.True(simulator.Inject(SimulatorFault.CutFrame(eth)));
        Assert.True(simulator.Inject(SimulatorFault.MalformedFrame()));
        await Support.WaitUntilAsync(() => harness.Sink.MalformedFrames.Count >= 2, "both broken frames reported");

        var snapshots = harness.Sink.BookFrames.Count(f => f.IsSnapshot);
        await Support.WaitUntilAsync(() => harness.Sink.BookFrames.Count(f => f.IsSnapshot) > snapshots - 1 && !harness.Books.IsStale(eth), "a good book again");
        Assert.True(harness.Sink.BookFrames.Count(f => f.IsSnapshot) >= 2, "the broken book was resynced from a new snapshot");
    }

    private static bool Gap(IReadOnlyList<long> sequences)
    {
        for (var i = 1; i < sequences.Count; i++)
        {
            if (sequences[i] > sequences[i - 1] + 1)
            {
                return true;
            }
        }

        return false;
    }

    private static Task Send(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<string> Receive(ClientWebSocket socket)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), limit.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException("closed");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }
}
