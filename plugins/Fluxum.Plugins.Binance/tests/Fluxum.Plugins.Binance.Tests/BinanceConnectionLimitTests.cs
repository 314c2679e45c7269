using System.Net;
using System.Net.WebSockets;
using Fluxum.Plugins.Binance.Simulator;
using Fluxum.Plugins.Binance.Wire;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>
/// Binance's connection limit (web-socket-streams.md: 300 connections per attempt every 5 minutes per IP): the
/// plugin declares it on its stream endpoint so the host waits before going past it, and the simulator refuses a
/// raw client past it with HTTP 429. Real WebSockets on 127.0.0.1; the simulator's clock is fake.
/// </summary>
public sealed class BinanceConnectionLimitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Upgrade_PastThreeHundredInFiveMinutes_RefusedWith429_AdmittedAgainOnceTheWindowMoves()
    {
        await using var sim = new BinanceSimulator(new SimulatorOptions { Seed = 3, TickInterval = TimeSpan.FromMinutes(30), Time = _time });
        await sim.StartAsync();
        var uri = new Uri(sim.Endpoints["ws"], "/stream");

        for (var i = 0; i < BinanceEndpoints.ConnectionsPerWindow; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500)); // 150 s in all: inside the window
            Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(uri));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await ConnectAsync(uri));
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(149.5)); // the first (at 0.5 s) has left the window
        Assert.Equal(HttpStatusCode.SwitchingProtocols, await ConnectAsync(uri));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ConnectAsync(uri)); // the second (at 1 s) has not
        Assert.Equal(2, sim.ConnectionWindow.Refused);
    }

    [Fact]
    public async Task ResolveEndpoint_DeclaresTheConnectionLimit()
    {
        var protocol = (BinanceProtocol)new BinanceVenue(TestVenue.Context(mode: VenueMode.Live)).CreateProtocol(ConnectionKind.Public);

        var endpoint = await ((IMarketDataProtocol)protocol).ResolveEndpointAsync();

        Assert.Equal(new ConnectionRateLimit("bnc-test", "websocket", 300, TimeSpan.FromMinutes(5)), endpoint.ConnectionLimit);
    }

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
