using System.Net.WebSockets;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Simulation;
using static Fluxum.Plugins.Gemini.Tests.EndToEnd.SimulatorFixture;

namespace Fluxum.Plugins.Gemini.Tests.EndToEnd;

public sealed class HandshakeEndToEndTests
{
    [Fact]
    public async Task Connect_BadSecret_RefusedWithInvalidSignatureAndSurfacedAsVenueError()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("ws", new Fluxum.Sdk.Plugins.VenueCredentials(Credentials.ApiKey, "bad-secret")), ConnectionKind.Private);
        var endpoint = await protocol.ResolveEndpointAsync();
        using var socket = new ClientWebSocket();
        foreach (var (name, value) in endpoint.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        await socket.ConnectAsync(endpoint.Uri, CancellationToken.None);
        var frame = await socket.ReceiveTextAsync();
        var closed = await socket.ReceiveTextAsync();
        var sink = new CollectingSink(new BookManager("gemini", protocol.BookRules));
        protocol.Decode(System.Text.Encoding.UTF8.GetBytes(frame!), DateTimeOffset.UtcNow, sink);

        Assert.Null(closed);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
        var error = Assert.Single(sink.Of<VenueError>());
        Assert.Equal("-1002", error.Code);
        Assert.Contains("InvalidSignature", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ReplayedHandshakeNonce_RefusedWithInvalidNonce()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var nonce = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5;
        var headers = GeminiSigner.WebSocketHeaders(Credentials.ApiKey, Credentials.ApiSecret, nonce);

        var first = await ConnectAsync(sim.Simulator.Endpoints["ws"], headers);
        var second = await ConnectAsync(sim.Simulator.Endpoints["ws"], headers);

        Assert.Null(first);
        Assert.Contains("InvalidNonce", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stall_MarketFreezes_BookStaysGoodAndUnchanged()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("ws"), ConnectionKind.Public);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Book(null), BtcUsd));
        driver.Start();
        await Eventually.True(() => driver.Sink.Frames.Count > 10, "book live");

        Assert.True(sim.Simulator.Inject(new SimulatorFault.Stall(TimeSpan.FromSeconds(30))));
        await Eventually.True(() => sim.Same(driver.Books, BtcUsd), "client caught up with the frozen market");
        var frames = driver.Sink.Frames.Count;
        await Task.Delay(300);

        Assert.Equal(frames, driver.Sink.Frames.Count);
        Assert.False(driver.Books.IsStale(BtcUsd));
    }

    private static async Task<string?> ConnectAsync(Uri uri, IReadOnlyDictionary<string, string> headers)
    {
        using var socket = new ClientWebSocket();
        foreach (var (name, value) in headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        await socket.ConnectAsync(new Uri(uri, "?snapshot=-1"), CancellationToken.None);
        try
        {
            await socket.SendTextAsync("""{"id":1,"method":"ping"}""");
        }
        catch (WebSocketException)
        {
            // A refused handshake may already be closing: its error frame is still there to read.
        }

        var reply = await socket.ReceiveTextAsync();
        return reply == """{"id":1,"status":200}""" ? null : reply;
    }
}
