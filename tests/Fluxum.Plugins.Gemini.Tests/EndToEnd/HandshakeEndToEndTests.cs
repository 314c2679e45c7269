using System.Net;
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
    public async Task Connect_BadSecret_RefusedWithHttp401AndNoWebSocket()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("ws", new Fluxum.Sdk.Plugins.VenueCredentials(Credentials.ApiKey, "bad-secret")), ConnectionKind.Private);
        var endpoint = await protocol.ResolveEndpointAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in endpoint.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(endpoint.Uri, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Equal(0, sim.Simulator.OpenSockets);
    }

    [Fact]
    public async Task Connect_BadSecret_RefusalBodyIsGeminiRestErrorWithoutTheSecret()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var nonce = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var headers = GeminiSigner.WebSocketHeaders(Credentials.ApiKey, "bad-secret", nonce);

        var (status, body) = await UpgradeAsync(sim.Simulator.Endpoints["ws"], headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"result":"error","reason":"InvalidSignature","message":"InvalidSignature"}""", body);
        Assert.DoesNotContain("bad-secret", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_UnknownApiKey_RefusedWithHttp401InvalidApiKey()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var headers = GeminiSigner.WebSocketHeaders("account-unknown", Credentials.ApiSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        var (status, body) = await UpgradeAsync(sim.Simulator.Endpoints["ws"], headers);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"reason\":\"InvalidApiKey\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ReplayedHandshakeNonce_RefusedWithHttp401InvalidNonce()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var nonce = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5;
        var headers = GeminiSigner.WebSocketHeaders(Credentials.ApiKey, Credentials.ApiSecret, nonce);

        var first = await ConnectAsync(sim.Simulator.Endpoints["ws"], headers);
        var (status, body) = await UpgradeAsync(sim.Simulator.Endpoints["ws"], headers);

        Assert.Null(first);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("\"reason\":\"InvalidNonce\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stall_MarketFreezes_BookStaysGoodAndUnchanged()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.Plugin.CreateProtocol(sim.Context("ws"), ConnectionKind.Public);
        await using var driver = new SocketDriver(protocol, new Subscription(MarketChannel.Book(null), BtcUsd));
        driver.Start();
        await Eventually.True(() => driver.Sink.Frames.Count > 10, "book live");

        Assert.True(sim.Simulator.Inject(SimulatorFault.Stall(TimeSpan.FromSeconds(30))));
        await Eventually.True(() => sim.Same(driver.Books, BtcUsd), "client caught up with the frozen market");
        var frames = driver.Sink.Frames.Count;
        await Task.Delay(300);

        Assert.Equal(frames, driver.Sink.Frames.Count);
        Assert.False(driver.Books.IsStale(BtcUsd));
    }

    /// <summary>Sends a bare WebSocket upgrade request and returns the HTTP answer (status and body).</summary>
    private static async Task<(HttpStatusCode Status, string Body)> UpgradeAsync(Uri uri, IReadOnlyDictionary<string, string> headers)
    {
        // A server that wrongly accepts the upgrade never ends its 101 response: fail in 10 s, not 100.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new UriBuilder(uri) { Scheme = "http" }.Uri, "?snapshot=-1"));
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(new byte[16]));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
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
