using System.Net.WebSockets;
using Fluxum.Host.MarketData;
using Fluxum.Host.Sessions;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Sessions;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Fluxum.Host.Tests.Transport;
using NSubstitute;

namespace Fluxum.Host.Tests.Sessions;

/// <summary>The backoff schedule on a fake clock, with a transport that always refuses (a unit test of our own collaborator).</summary>
public sealed class VenueSessionBackoffTests
{
    [Fact]
    public async Task ConnectFailures_WaitExponentialBackoffOnTheClock_ThenFail()
    {
        var time = new TimerWatchingTimeProvider();
        var transport = Substitute.For<IWebSocketTransport>();
        var attempts = 0;
        transport.ConnectAsync(Arg.Any<WebSocketEndpoint>(), Arg.Any<CancellationToken>())
            .Returns<Task<IWebSocketConnection>>(_ =>
            {
                Interlocked.Increment(ref attempts);
                throw new WebSocketException("connection refused");
            });
        var hub = new MarketDataHub(MarketDataHubOptions.Default, time, NullLogger<MarketDataHub>.Instance);
        var protocol = new JsonTestProtocol("x", new Uri("ws://127.0.0.1:1/"));
        var feed = hub.AddVenue("x", new BookManager("x", protocol.BookRules, time));
        var policy = new ReconnectPolicy { MaxAttempts = 3, InitialBackoff = TimeSpan.FromSeconds(1), Multiplier = 2, Jitter = 0 };
        await using var session = new VenueSession(protocol, transport, feed, new SessionOptions { ReconnectPolicy = policy }, time, NullLogger<VenueSession>.Instance);
        await using var states = new StateLog(session);

        var connect = session.ConnectAsync();

        var first = await states.WaitForAsync(SessionPhase.Reconnecting);
        Assert.Equal((1, TimeSpan.FromSeconds(1)), (first.Attempt, first.Backoff));
        Assert.Equal("connect failed: connection refused", first.Reason);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(1, Volatile.Read(ref attempts));
        time.Advance(TimeSpan.FromMilliseconds(1));
        var second = await states.WaitForAsync(SessionPhase.Reconnecting);
        Assert.Equal((2, TimeSpan.FromSeconds(2), 2), (second.Attempt, second.Backoff, Volatile.Read(ref attempts)));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        var third = await states.WaitForAsync(SessionPhase.Reconnecting);
        Assert.Equal(TimeSpan.FromSeconds(4), third.Backoff);
        Assert.False(connect.IsCompleted);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(4));
        time.Advance(TimeSpan.FromSeconds(4));

        var failed = await states.WaitForAsync(SessionPhase.Failed);
        await connect.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, Volatile.Read(ref attempts));
        Assert.IsType<WebSocketException>(failed.Error!.Exception);
    }
}
