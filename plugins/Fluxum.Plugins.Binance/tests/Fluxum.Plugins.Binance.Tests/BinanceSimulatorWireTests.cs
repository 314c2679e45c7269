using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Binance.Rest;
using Fluxum.Sdk;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>The simulator's wire, seen by a plain WebSocket and HTTP client following the public docs.</summary>
public sealed class BinanceSimulatorWireTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static async Task<IVenueSimulator> StartAsync(VenueCredentials? credentials = null)
    {
        var simulator = new BinancePlugin().CreateSimulator(new SimulatorOptions { Seed = 3, TickInterval = TimeSpan.FromMilliseconds(20), Credentials = credentials });
        await simulator.StartAsync();
        return simulator;
    }

    private static async Task<ClientWebSocket> ConnectAsync(IVenueSimulator simulator, string pathAndQuery)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(simulator.Endpoints["ws"], pathAndQuery), CancellationToken.None);
        return socket;
    }

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, Func<JsonElement, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            var element = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            if (wanted(element))
            {
                return element;
            }
        }
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    [Fact]
    public async Task RawStream_PathNamesTheStreamAndPayloadsAreUnwrapped()
    {
        await using var simulator = await StartAsync();
        using var socket = await ConnectAsync(simulator, "/ws/btcusdt@trade");

        var trade = await ReceiveAsync(socket, _ => true);

        Assert.Equal("trade", trade.GetProperty("e").GetString());
        Assert.Equal("BTCUSDT", trade.GetProperty("s").GetString());
        Assert.False(trade.TryGetProperty("stream", out _));
    }

    [Fact]
    public async Task CombinedStream_WrapsPayloadsAndDiffsChainByUpdateId()
    {
        await using var simulator = await StartAsync();
        using var socket = await ConnectAsync(simulator, "/stream?streams=ethusdt@depth@100ms");

        var first = await ReceiveAsync(socket, _ => true);
        var second = await ReceiveAsync(socket, _ => true);

        Assert.Equal("ethusdt@depth@100ms", first.GetProperty("stream").GetString());
        var a = first.GetProperty("data");
        var b = second.GetProperty("data");
        Assert.Equal("depthUpdate", a.GetProperty("e").GetString());
        Assert.Equal(a.GetProperty("u").GetInt64() + 1, b.GetProperty("U").GetInt64());
    }

    [Fact]
    public async Task Subscribe_AnsweredWithResultNullAndListed()
    {
        await using var simulator = await StartAsync();
        using var socket = await ConnectAsync(simulator, "/stream");

        await SendAsync(socket, """{"method":"SUBSCRIBE","params":["btcusdt@bookTicker","btcusdt@kline_1s"],"id":7}""");
        var ack = await ReceiveAsync(socket, e => e.TryGetProperty("id", out _));
        await SendAsync(socket, """{"method":"LIST_SUBSCRIPTIONS","id":8}""");
        var list = await ReceiveAsync(socket, e => e.TryGetProperty("id", out var id) && id.GetInt64() == 8);
        var data = await ReceiveAsync(socket, e => e.TryGetProperty("stream", out var s) && s.GetString() == "btcusdt@bookTicker");

        Assert.Equal(JsonValueKind.Null, ack.GetProperty("result").ValueKind);
        Assert.Equal(7, ack.GetProperty("id").GetInt64());
        Assert.Equal(["btcusdt@bookTicker", "btcusdt@kline_1s"], list.GetProperty("result").EnumerateArray().Select(e => e.GetString()));
        Assert.True(data.GetProperty("data").GetProperty("u").GetInt64() > 0);
    }

    [Fact]
    public async Task BadRequests_GetTheDocumentedErrors()
    {
        await using var simulator = await StartAsync();
        using var socket = await ConnectAsync(simulator, "/stream");

        await SendAsync(socket, """{"method":"SUBSCRIBE","params":["btcusdt@trade"],"id":"x y"}""");
        await SendAsync(socket, "{not json");
        await SendAsync(socket, """{"method":"PUBLISH","id":1}""");
        var errors = new List<JsonElement>();
        for (var i = 0; i < 2; i++)
        {
            errors.Add(await ReceiveAsync(socket, e => e.TryGetProperty("code", out _)));
        }

        Assert.Equal(3, errors[0].GetProperty("code").GetInt32());
        Assert.StartsWith("Invalid JSON", errors[0].GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, errors[1].GetProperty("code").GetInt32());
        Assert.StartsWith("Invalid request: unknown variant", errors[1].GetProperty("msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_UnknownSymbolIsInvalidAndEveryAnswerCountsWeight()
    {
        await using var simulator = await StartAsync();
        using var http = new HttpClient { BaseAddress = simulator.Endpoints["rest"] };

        using var good = await http.GetAsync(new Uri("/api/v3/depth?symbol=BTCUSDT&limit=500", UriKind.Relative));
        using var bad = await http.GetAsync(new Uri("/api/v3/depth?symbol=ZZZQQQ", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("25", good.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("""{"code":-1121,"msg":"Invalid symbol."}""", await bad.Content.ReadAsStringAsync());
        var snapshot = JsonDocument.Parse(await good.Content.ReadAsStringAsync()).RootElement;
        Assert.True(snapshot.GetProperty("lastUpdateId").GetInt64() > 0);
        Assert.True(snapshot.GetProperty("bids").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Rest_PastTheWeightLimit_Answers429WithRetryAfter()
    {
        await using var simulator = await StartAsync();
        using var http = new HttpClient { BaseAddress = simulator.Endpoints["rest"] };
        HttpResponseMessage? last = null;
        for (var i = 0; i < 25 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last?.Dispose();
            last = await http.GetAsync(new Uri("/api/v3/depth?symbol=BTCUSDT&limit=5000", UriKind.Relative));
        }

        using var refused = last!;
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("-1003", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_OverRealHttp_SignsAndIsRefusedWithOtherKeys()
    {
        var credentials = new VenueCredentials("sim-binance-0a1b", Convert.ToBase64String(new byte[64].Select((_, i) => (byte)i).ToArray()));
        await using var simulator = await StartAsync(credentials);
        using var rest = new LoopbackRestTransport();
        VenueContext Context(VenueCredentials c) => new()
        {
            Venue = "bnc-sim",
            Mode = VenueMode.Simulated,
            Endpoints = simulator.Endpoints,
            Rest = rest,
            Credentials = c,
            LoggerFactory = NullLoggerFactory.Instance,
        };

        var ledger = new BinancePlugin().CreateVenue(Context(credentials)).CreateLedgerClient();
        var balances = await ledger.BalancesAsync();
        var entries = await ledger.QueryAsync(new LedgerQuery { Asset = "BTC" });
        var wrongSecret = new BinancePlugin().CreateVenue(Context(new VenueCredentials(credentials.ApiKey, "not-the-secret"))).CreateLedgerClient();
        var wrongKey = new BinancePlugin().CreateVenue(Context(new VenueCredentials("someone-else", credentials.ApiSecret))).CreateLedgerClient();

        Assert.Equal(1.30m, balances["BTC"]);
        Assert.Equal(26000m, balances["USDT"]);
        Assert.Equal([0.5m, -1.5m], entries.Where(e => e.Type.Kind == LedgerEntryKind.Trade).Select(e => e.Amount));
        var badSignature = await Assert.ThrowsAsync<VenueApiException>(() => wrongSecret.BalancesAsync());
        Assert.Equal(["-1022"], badSignature.VenueErrors);
        var badKey = await Assert.ThrowsAsync<VenueApiException>(() => wrongKey.BalancesAsync());
        Assert.Equal(["-2015"], badKey.VenueErrors);
        Assert.Equal(VenueErrorKind.Authentication, badKey.Kind);
    }

    [Fact]
    public async Task StaleSnapshot_ServesALastUpdateIdOlderThanTheDiffs()
    {
        await using var simulator = await StartAsync();
        using var http = new HttpClient { BaseAddress = simulator.Endpoints["rest"] };
        using var socket = await ConnectAsync(simulator, "/ws/btcusdt@depth@100ms");
        var diff = await ReceiveAsync(socket, _ => true);

        Assert.True(simulator.Inject(SimulatorFault.StaleSnapshot(Symbol.Parse("BTC/USDT"))));
        var stale = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v3/depth?symbol=BTCUSDT", UriKind.Relative))).RootElement;
        var fresh = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v3/depth?symbol=BTCUSDT", UriKind.Relative))).RootElement;

        Assert.True(stale.GetProperty("lastUpdateId").GetInt64() < diff.GetProperty("U").GetInt64());
        Assert.True(fresh.GetProperty("lastUpdateId").GetInt64() >= diff.GetProperty("u").GetInt64());
    }

    [Fact]
    public async Task SkipSequence_NextDiffStartsPastTheFollowingUpdateId()
    {
        await using var simulator = await StartAsync();
        using var socket = await ConnectAsync(simulator, "/ws/ethusdt@depth@100ms");
        var before = await ReceiveAsync(socket, _ => true);

        Assert.True(simulator.Inject(SimulatorFault.SkipSequence(Symbol.Parse("ETH/USDT"))));
        var previous = before;
        JsonElement gap = default;
        for (var i = 0; i < 50; i++)
        {
            var next = await ReceiveAsync(socket, _ => true);
            if (next.GetProperty("U").GetInt64() != previous.GetProperty("u").GetInt64() + 1)
            {
                gap = next;
                break;
            }

            previous = next;
        }

        Assert.Equal(previous.GetProperty("u").GetInt64() + 2, gap.GetProperty("U").GetInt64());
    }
}
