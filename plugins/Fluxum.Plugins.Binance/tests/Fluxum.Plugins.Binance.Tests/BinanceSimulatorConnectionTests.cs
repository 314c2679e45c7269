using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Binance.Simulator;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using Fluxum.Sdk.Testing.Conformance;
using Fluxum.Sdk.Testing.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>
/// The stream server's connection rules in the simulator, seen by real clients over 127.0.0.1: ping frames (a client
/// that pongs stays, one that never does is dropped), the 5 incoming messages a second, and <c>serverShutdown</c>.
/// </summary>
public sealed class BinanceSimulatorConnectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly Symbol BtcUsdt = Symbol.Parse("BTC/USDT");
    private static readonly Symbol EthUsdt = Symbol.Parse("ETH/USDT");
    private static readonly BinanceSimulatorSettings FastPings = new() { PingInterval = TimeSpan.FromMilliseconds(200), PongTimeout = TimeSpan.FromMilliseconds(600) };

    private static async Task<BinanceSimulator> StartAsync(BinanceSimulatorSettings? settings = null)
    {
        var simulator = new BinanceSimulator(new SimulatorOptions { Seed = 21, TickInterval = TimeSpan.FromMilliseconds(20) }, settings);
        await simulator.StartAsync();
        return simulator;
    }

    private static async Task<ClientWebSocket> ConnectAsync(BinanceSimulator simulator, string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(simulator.Endpoints["ws"], pathAndQuery), CancellationToken.None);
        return socket;
    }

    /// <summary>One whole message: its text, or null and the close status when the server closed.</summary>
    private static async Task<(string? Text, WebSocketCloseStatus? Close)> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, result.CloseStatus);
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return (Encoding.UTF8.GetString(message.ToArray()), null);
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    [Fact]
    public async Task Pings_Default_AreTheDocumentedTwentySecondsWithAMinuteToPong()
    {
        await using var simulator = new BinanceSimulator(new SimulatorOptions());

        Assert.Equal(new LoopbackKeepAlive(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(1)), simulator.WebSocketKeepAlive);
    }

    [Fact]
    public async Task Pings_AClientWebSocketAnswersThem_TheStreamKeepsFlowingPastManyTimeouts()
    {
        await using var simulator = await StartAsync(FastPings);
        using var socket = await ConnectAsync(simulator, "/ws/btcusdt@depth@100ms");
        using var timeout = new CancellationTokenSource(Patience);

        var span = 4 * (FastPings.PingInterval + FastPings.PongTimeout);
        var until = DateTime.UtcNow + span;
        var received = 0;
        while (DateTime.UtcNow < until)
        {
            var (text, close) = await ReceiveAsync(socket, timeout.Token);
            Assert.True(text is not null, $"closed ({close}) after {received} messages");
            received++;
        }

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.True(received >= 20, $"only {received} diffs in {span.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Pings_AClientThatNeverPongs_GetsPingFramesAndIsDisconnected()
    {
        await using var simulator = await StartAsync(FastPings);
        using var raw = new RawWebSocketClient();
        using var timeout = new CancellationTokenSource(Patience);
        await raw.ConnectAsync(simulator.Endpoints["ws"], "/ws/btcusdt@depth@100ms", timeout.Token);
        var started = DateTime.UtcNow;

        Assert.True(await raw.ReadUntilDroppedAsync(timeout.Token), "a client that never ponged was not disconnected");

        var after = DateTime.UtcNow - started;
        Assert.True(raw.Pings >= 1, $"no ping frame in {after.TotalMilliseconds:0} ms");
        Assert.True(raw.Texts >= 1, "no diffs before the drop");
        Assert.True(after >= FastPings.PingInterval + FastPings.PongTimeout - TimeSpan.FromMilliseconds(100), $"dropped after {after.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task MessageLimit_SixWithinASecond_TheConnectionIsDisconnectedAfterFiveAnswers()
    {
        await using var simulator = await StartAsync();
        using var socket = await ConnectAsync(simulator, "/stream");
        using var timeout = new CancellationTokenSource(Patience);

        for (var id = 1; id <= 6; id++)
        {
            await SendAsync(socket, $$"""{"method":"LIST_SUBSCRIPTIONS","id":{{id}}}""");
        }

        var answers = 0;
        var dropped = await Record.ExceptionAsync(async () =>
        {
            while (await ReceiveAsync(socket, timeout.Token) is { Text: not null })
            {
                answers++;
            }
        });

        Assert.False(timeout.IsCancellationRequested, "the connection over the limit was not disconnected");
        Assert.True(dropped is null or WebSocketException, $"unexpected {dropped}");
        Assert.Equal(5, answers);
        Assert.Equal(1, simulator.RateLimitDisconnects);
    }

    [Fact]
    public async Task MessageLimit_FourASecond_StaysConnectedAndEveryRequestIsAnswered()
    {
        await using var simulator = await StartAsync();
        using var socket = await ConnectAsync(simulator, "/stream");
        using var timeout = new CancellationTokenSource(Patience);

        for (var id = 1; id <= 10; id++)
        {
            await SendAsync(socket, $$"""{"method":"LIST_SUBSCRIPTIONS","id":{{id}}}""");
            var (text, close) = await ReceiveAsync(socket, timeout.Token);
            Assert.True(text is not null, $"closed ({close}) at request {id}");
            Assert.Equal(id, JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32());
            await Task.Delay(250);
        }

        Assert.Equal(WebSocketState.Open, socket.State);
        Assert.Equal(0, simulator.RateLimitDisconnects);
    }

    [Fact]
    public async Task MessageLimit_ThePluginSubscribingEightChannelsAtOnce_IsPacedAndStaysConnected()
    {
        var plugin = new BinancePlugin();
        await using var simulator = await StartAsync();
        using var rest = new LoopbackRestTransport();
        var adapter = plugin.CreateVenue(new VenueContext { Venue = "bnc-limit", Mode = VenueMode.Simulated, Endpoints = simulator.Endpoints, Rest = rest, LoggerFactory = NullLoggerFactory.Instance });
        var protocol = adapter.CreateProtocol(ConnectionKind.Public);
        await using var harness = new VenueHarness("bnc-limit", adapter, protocol);
        await harness.ConnectAsync();
        MarketChannel[] channels =
        [
            MarketChannel.Trades, MarketChannel.Ticker, MarketChannel.Book(100), MarketChannel.Ohlc(TimeSpan.FromMinutes(1)),
            MarketChannel.Ohlc(TimeSpan.FromMinutes(5)), MarketChannel.Ohlc(TimeSpan.FromMinutes(15)), MarketChannel.Ohlc(TimeSpan.FromHours(1)),
            MarketChannel.Ohlc(TimeSpan.FromDays(1)),
        ];

        foreach (var channel in channels)
        {
            await harness.SubscribeAsync(new Subscription(channel, BtcUsdt, EthUsdt));
        }

        var acks = () => harness.Sink.OfType<SubscriptionAck>().Count(a => a.Success);
        await VenueHarness.WaitUntilAsync(() => acks() == 2 * channels.Length, "every subscription acknowledged", Patience);
        Assert.True(protocol.MaxMessagesPerSecond is > 0 and < 5, $"the protocol declares {protocol.MaxMessagesPerSecond} messages a second");
        // At 3 a second the 4th and the 7th message must wait for the window (the others too, unless timer slack let them go).
        Assert.True(harness.PacedSends >= (channels.Length - 1) / protocol.MaxMessagesPerSecond!.Value, $"paced {harness.PacedSends}");
        Assert.False(harness.Closed.IsCompleted, "the simulator disconnected the plugin");
        Assert.Equal(0, simulator.RateLimitDisconnects);
        Assert.Equal(1, harness.Connections);
    }

    [Fact]
    public async Task ServerShutdown_EveryConnectionGetsTheEventInItsOwnShapeThenACloseAndNewConnectionsAreServed()
    {
        await using var simulator = await StartAsync();
        IVenueSimulator venue = simulator;
        using var combined = await ConnectAsync(simulator, "/stream?streams=btcusdt@depth@100ms");
        using var raw = await ConnectAsync(simulator, "/ws/btcusdt@depth@100ms");
        using var timeout = new CancellationTokenSource(Patience);
        Assert.NotNull((await ReceiveAsync(combined, timeout.Token)).Text);
        Assert.NotNull((await ReceiveAsync(raw, timeout.Token)).Text);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.True(venue.Inject(SimulatorFault.ServerShutdown()));

        var (combinedLast, combinedClose) = await LastBeforeCloseAsync(combined, timeout.Token);
        var (rawLast, rawClose) = await LastBeforeCloseAsync(raw, timeout.Token);
        var wrapped = JsonDocument.Parse(combinedLast!).RootElement;
        Assert.Equal("!serverShutdown", wrapped.GetProperty("stream").GetString());
        Assert.Equal("serverShutdown", wrapped.GetProperty("data").GetProperty("e").GetString());
        Assert.InRange(wrapped.GetProperty("data").GetProperty("E").GetInt64(), before - 1000, before + 10_000);
        var bare = JsonDocument.Parse(rawLast!).RootElement;
        Assert.Equal("serverShutdown", bare.GetProperty("e").GetString());
        Assert.False(bare.TryGetProperty("stream", out _));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, combinedClose);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, rawClose);
        Assert.Equal(2, simulator.ServerShutdowns);

        using var again = await ConnectAsync(simulator, "/ws/btcusdt@depth@100ms");
        Assert.Contains("depthUpdate", (await ReceiveAsync(again, timeout.Token)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerShutdown_ThePluginReportsItAndAfterReconnectingTheBooksComeGoodAgain()
    {
        var plugin = new BinancePlugin();
        await using var simulator = await StartAsync();
        IVenueSimulator venue = simulator;
        using var rest = new LoopbackRestTransport();
        var adapter = plugin.CreateVenue(new VenueContext { Venue = "bnc-shutdown", Mode = VenueMode.Simulated, Endpoints = simulator.Endpoints, Rest = rest, LoggerFactory = NullLoggerFactory.Instance });
        await using var harness = new VenueHarness("bnc-shutdown", adapter, adapter.CreateProtocol(ConnectionKind.Public));
        await harness.ConnectAsync();
        var book = new Subscription(MarketChannel.Book(100), BtcUsdt);
        await harness.SubscribeAsync(book);
        await VenueHarness.WaitUntilAsync(() => !harness.Books.IsStale(BtcUsdt) && harness.Books.Counters.Updates >= 2, "a good book", Patience);

        Assert.True(venue.Inject(SimulatorFault.ServerShutdown()));

        await harness.Closed.WaitAsync(Patience);
        var status = Assert.Single(harness.Sink.OfType<VenueStatus>());
        Assert.Equal("serverShutdown", status.Status);
        Assert.False(status.IsOnline);
        var fetched = harness.SnapshotsFetched;
        await harness.ConnectAsync();
        await harness.SubscribeAsync(book);
        await VenueHarness.WaitUntilAsync(() => harness.SnapshotsFetched > fetched && !harness.Books.IsStale(BtcUsdt), "the book synced again after reconnecting", Patience);
        Assert.Equal(2, harness.Connections);
    }

    private static async Task<(string? Last, WebSocketCloseStatus? Close)> LastBeforeCloseAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        string? last = null;
        while (true)
        {
            var (text, close) = await ReceiveAsync(socket, cancellationToken);
            if (text is null)
            {
                return (last, close);
            }

            last = text;
        }
    }
}
