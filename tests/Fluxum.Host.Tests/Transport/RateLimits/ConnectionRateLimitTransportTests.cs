using Fluxum.Host.Tests.EndToEnd;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.Transport.RateLimits;

/// <summary>
/// The host's WebSocket transport holds a connect to an endpoint that declares its venue's connection limit until
/// the rolling window allows it, then connects: never fails for it; holds are counted per venue and logged once per
/// venue and key. Real WebSockets on 127.0.0.1, a fake clock for the window.
/// </summary>
public sealed class ConnectionRateLimitTransportTests
{
    private static readonly ConnectionRateLimit TwoPerMinute = new("acme", "websocket", 2, TimeSpan.FromMinutes(1));

    private readonly FakeTimeProvider _time = new();
    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task ConnectAsync_PastTheDeclaredLimit_HeldUntilTheWindowAllowsThenConnected_CountedAndLoggedOnce()
    {
        await using var server = await TestVenueServer.StartAsync();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(_logs));
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, _time, loggers);
        var endpoint = new WebSocketEndpoint(server.Uri) { ConnectionLimit = TwoPerMinute };

        await using (await transport.ConnectAsync(endpoint))
        {
        }

        await using (await transport.ConnectAsync(endpoint))
        {
        }

        var third = transport.ConnectAsync(endpoint);
        var fourth = transport.ConnectAsync(endpoint);
        await Task.Delay(200);

        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, server.Connections);
        Assert.Equal(2, transport.ConnectionLimits.DelayedFor("acme"));
        _time.Advance(TimeSpan.FromMinutes(1));
        await using (await third.WaitAsync(TimeSpan.FromSeconds(10)))
        {
        }

        await using (await fourth.WaitAsync(TimeSpan.FromSeconds(10)))
        {
        }

        Assert.Equal(4, server.Connections);
        Assert.Equal(2, transport.ConnectionLimits.Delayed);
        Assert.Equal(0, transport.ConnectionLimits.DelayedFor("other"));
        var held = Assert.Single(_logs.Lines, l => l.EventId == 1102);
        Assert.Contains("acme websocket", held.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_NoDeclaredLimit_NeverHeld()
    {
        await using var server = await TestVenueServer.StartAsync();
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, _time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        for (var i = 0; i < 5; i++)
        {
            await using var connection = await transport.ConnectAsync(new WebSocketEndpoint(server.Uri)).WaitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(5, server.Connections);
        Assert.Equal(0, transport.ConnectionLimits.Delayed);
    }

    [Fact]
    public async Task ConnectAsync_CancelledWhileHeld_ThrowsCancelledAndNeverConnects()
    {
        await using var server = await TestVenueServer.StartAsync();
        var transport = new WebSocketClientTransport(WebSocketTransportOptions.Default, _time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var one = new ConnectionRateLimit("acme", "websocket", 1, TimeSpan.FromMinutes(1));
        await using (await transport.ConnectAsync(new WebSocketEndpoint(server.Uri) { ConnectionLimit = one }))
        {
        }

        using var cancel = new CancellationTokenSource();
        var held = transport.ConnectAsync(new WebSocketEndpoint(server.Uri) { ConnectionLimit = one }, cancel.Token);
        await Task.Delay(100);
        Assert.False(held.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, server.Connections);
    }
}
