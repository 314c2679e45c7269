using System.Net;
using System.Net.WebSockets;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Plugins.Kraken.Simulator;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Plugins.Kraken.Tests.Simulator;

/// <summary>
/// The simulator enforces Kraken's connection limit (150 new WebSockets per rolling 10 minutes, public and
/// authenticated endpoints together) on a raw client, refusing the upgrade past it with HTTP 429; it enforces the
/// call counter of the tier in its settings. The plugin declares the same connection limit on both endpoints.
/// Real WebSockets on 127.0.0.1; the simulator's clock is fake, so the window moves only when the test says.
/// </summary>
public sealed class SimConnectionLimitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Upgrade_PastOneHundredFiftyInTenMinutes_RefusedWith429_AdmittedAgainOnceTheWindowMoves()
    {
        await using var sim = await StartAsync();
        var publicUri = sim.Endpoints[KrakenEndpoints.WebSocket];
        var authUri = sim.Endpoints[KrakenEndpoints.WebSocketAuth];

        for (var i = 0; i < KrakenRateLimits.ConnectionsPerWindow; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1)); // 150 s in all: well inside the window
            Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(i % 2 == 0 ? publicUri : authUri));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await ConnectAsync(publicUri));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ConnectAsync(authUri)); // one window for both endpoints
        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(149)); // at 601 s the first connection (at 1 s) has left the window
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(publicUri));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ConnectAsync(publicUri));   // the second (at 2 s) has not yet
        Assert.Equal(3, ((KrakenSimulator)sim).ConnectionWindow.Refused);
    }

    [Theory]
    [InlineData(null, 15, 0.33)]
    [InlineData("intermediate", 20, 0.5)]
    [InlineData("pro", 20, 1)]
    public async Task CallCounter_FollowsTheTierSetting(string? tier, double capacity, double decay)
    {
        await using var sim = await StartAsync(tier);

        var counter = ((KrakenSimulator)sim).CallCounter;

        Assert.Equal(capacity, counter.Capacity);
        Assert.Equal(decay, counter.DecayPerSecond);
    }

    [Fact]
    public void Create_UnknownTier_RefusedNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new KrakenPlugin().CreateSimulator(new SimulatorOptions { Settings = new Dictionary<string, string> { ["tier"] = "gold" } }));

        Assert.Contains("tier: 'gold' is not a Kraken tier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveEndpoint_Public_DeclaresTheConnectionLimit()
    {
        var venue = new KrakenPlugin().CreateVenue(Fixture.Context() with { Mode = VenueMode.Replay });
        var protocol = (KrakenProtocol)venue.CreateProtocol(ConnectionKind.Public);

        var endpoint = await protocol.ResolveEndpointAsync();

        Assert.Equal(new ConnectionRateLimit("kraken", "websocket", 150, TimeSpan.FromMinutes(10)), endpoint.ConnectionLimit);
    }

    private async Task<IVenueSimulator> StartAsync(string? tier = null)
    {
        var simulator = new KrakenPlugin().CreateSimulator(new SimulatorOptions
        {
            Seed = 7,
            TickInterval = TimeSpan.FromMinutes(30),
            Settings = tier is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["tier"] = tier },
            Time = _time,
        });
        await simulator.StartAsync();
        return simulator;
    }

    /// <summary>A raw upgrade, as any client would send it; the status it was answered with (the socket then closed).</summary>
    private static async Task<HttpStatusCode> ConnectAsync(Uri uri)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (WebSocketException) when (socket.HttpStatusCode != 0)
        {
            return socket.HttpStatusCode;
        }

        socket.Abort();
        return socket.HttpStatusCode;
    }
}
