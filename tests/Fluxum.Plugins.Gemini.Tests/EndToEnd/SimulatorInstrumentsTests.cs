using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

using static Fluxum.Plugins.Gemini.Tests.EndToEnd.SimulatorFixture;

namespace Fluxum.Plugins.Gemini.Tests.EndToEnd;

/// <summary>The simulator trades a fixed instrument list, as Gemini does, with deep books, and refuses any other symbol with Gemini's errors.</summary>
public sealed class SimulatorInstrumentsTests
{
    private static readonly Symbol FooBar = Symbol.Parse("FOO/BAR");

    [Fact]
    public void SimulatedInstruments_RealGeminiPrecisions()
    {
        var instruments = new GeminiPlugin().SimulatedInstruments;

        Assert.Contains(new SimulatedInstrument(BtcUsd, 2, 8), instruments);
        Assert.Contains(new SimulatedInstrument(EthUsd, 2, 6), instruments);
        Assert.Contains(new SimulatedInstrument(Symbol.Parse("SOL/USD"), 3, 6), instruments);
        Assert.DoesNotContain(instruments, i => i.Symbol == FooBar);
    }

    [Theory]
    [InlineData("solusd", 0.001, 1e-6)]
    [InlineData("ethbtc", 0.00001, 1e-6)]
    [InlineData("btcusd", 0.01, 1e-8)]
    public async Task SymbolDetails_ServeTheInstrumentsPrecisions(string symbol, double quoteIncrement, double tickSize)
    {
        await using var sim = await SimulatorFixture.StartAsync();

        var response = await sim.Http.SendAsync(new RestRequest(HttpMethod.Get, new Uri(sim.Simulator.Endpoints["rest"], $"/v1/symbols/details/{symbol}")));

        Assert.Equal(200, response.StatusCode);
        using var doc = JsonDocument.Parse(response.Body);
        Assert.Equal(quoteIncrement, doc.RootElement.GetProperty("quote_increment").GetDouble());
        Assert.Equal(tickSize, doc.RootElement.GetProperty("tick_size").GetDouble());
    }

    [Fact]
    public async Task Ws_StreamOutsideTheList_InvalidStreamNameError()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(sim.Simulator.Endpoints["ws"], CancellationToken.None);

        await SendAsync(socket, """{"id":4,"method":"subscribe","params":["btcusd@trade","foobar@depth@100ms"]}""");

        Assert.Equal("""{"id":4,"status":400,"error":{"code":-1013,"msg":"Invalid stream name: foobar@depth@100ms"}}""", await ReceiveAsync(socket));
        Assert.Equal(0, sim.Simulator.Markets.SubscribeCount("btcusd@trade"));
    }

    [Fact]
    public async Task V2_SymbolOutsideTheList_ErrorFrame()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(sim.Simulator.Endpoints["ws_v2"], CancellationToken.None);

        await SendAsync(socket, """{"type":"subscribe","subscriptions":[{"name":"l2","symbols":["FOOBAR"]}]}""");

        var frame = await ReceiveAsync(socket);
        while (frame.Contains("\"heartbeat\"", StringComparison.Ordinal))
        {
            frame = await ReceiveAsync(socket);
        }

        using var doc = JsonDocument.Parse(frame);
        Assert.Equal("error", doc.RootElement.GetProperty("type").GetString());
        Assert.Contains("FOOBAR", doc.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws")]
    [InlineData("v2")]
    public async Task Plugin_AgainstTheSimulator_RefusesSymbolOutsideTheListByName(string api)
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context(api), ConnectionKind.Public);
        await protocol.ResolveEndpointAsync();

        Assert.Null(protocol.CheckSubscription(new Subscription(MarketChannel.Trades, Symbol.Parse("SOL/USD"))));
        Assert.Contains("FOO/BAR", protocol.CheckSubscription(new Subscription(MarketChannel.Trades, FooBar)), StringComparison.Ordinal);
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    [Fact]
    public async Task V2_Book_OverAThousandLevelsASideEqualToTheVenue()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("v2"), ConnectionKind.Public);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Book(null), BtcUsd));
        driver.Start();

        await Eventually.True(() => driver.Sink.Frames.Count(f => f.Result == BookFrameResult.Applied) > 100, "100 applied book updates");
        await sim.AssertBookMatchesAsync(driver.Books, BtcUsd);

        var book = driver.Books.Snapshot(BtcUsd)!;
        Assert.True(book.Bids.Count >= 1000 && book.Asks.Count >= 1000, $"{book.Bids.Count} bids, {book.Asks.Count} asks");
        Assert.Empty(driver.Sink.Of<DataQualityEvent>());
    }
}
