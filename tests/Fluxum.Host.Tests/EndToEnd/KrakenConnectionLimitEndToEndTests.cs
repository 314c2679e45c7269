using Fluxum.Host.Plugins;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// Issue 14, item 4: a reconnect storm against Kraken's WebSocket connection limit (150 new connections per rolling
/// 10 minutes) is delayed by the host, never refused by the simulator. The Kraken plugin loaded from disk declares
/// the limit on its endpoint; its simulator enforces it (HTTP 429 at the upgrade past it); real WebSockets on
/// 127.0.0.1 through the host's transport. One fake clock drives the simulator's window and the host's, so the test
/// moves time instead of waiting ten minutes.
/// </summary>
public sealed class KrakenConnectionLimitEndToEndTests
{
    [Fact]
    public async Task ReconnectStorm_PastTheConnectionLimit_TheConnectPastItHeldForTheWindow_NoneRefused()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        using var catalog = PluginCatalog.Load([CliHarness.PluginDirectory]);
        var plugin = catalog.Get("kraken");
        await using var simulator = Assert.IsAssignableFrom<ISimulatorProvider>(plugin).CreateSimulator(new SimulatorOptions
        {
            Seed = 3,
            TickInterval = TimeSpan.FromMinutes(5),
            Time = time,
            LoggerFactory = loggers,
        });
        await simulator.StartAsync();
        using var rest = new HttpRestTransport(RestTransportOptions.Default, time, loggers.CreateLogger<HttpRestTransport>());
        var venue = plugin.CreateVenue(new VenueContext
        {
            Venue = "kraken",
            Mode = VenueMode.Simulated,
            Endpoints = simulator.Endpoints,
            Rest = rest,
            Time = time,
            LoggerFactory = loggers,
        });
        var protocol = venue.CreateProtocol(ConnectionKind.Public);
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, time, loggers);

        // 150 connects in one instant: the whole window, each opened and dropped again at once.
        for (var i = 0; i < 150; i++)
        {
            await using var connection = await transport.ConnectAsync(await protocol.ResolveEndpointAsync()).WaitAsync(TimeSpan.FromSeconds(10));
        }

        var more = Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await using var connection = await transport.ConnectAsync(await protocol.ResolveEndpointAsync());
            }
        });
        await Task.Delay(300);

        Assert.False(more.IsCompleted, "the 151st connect went out inside the window");
        Assert.Equal(1, transport.ConnectionLimits.DelayedFor("kraken"));
        time.Advance(TimeSpan.FromMinutes(10));
        await more.WaitAsync(TimeSpan.FromSeconds(30)); // throws WebSocketHandshakeRefusedException had the simulator refused one

        Assert.Equal(1, transport.ConnectionLimits.DelayedFor("kraken")); // the window had emptied: the other four at once
        Assert.DoesNotContain(logs.Lines, l => l.EventId == 4204);        // the simulator refused no upgrade
        var held = Assert.Single(logs.Lines, l => l.EventId == 1102);      // the hold logged once
        Assert.Contains("kraken websocket", held.Text, StringComparison.Ordinal);
        Assert.Contains("150 new connections per 00:10:00", held.Text, StringComparison.Ordinal);
    }
}
