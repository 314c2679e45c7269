using Fluxum.Host.Tests.EndToEnd;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.Transport.RateLimits;

/// <summary>
/// The host's transport holds a request that declares its venue's client limit until the limit allows it: the
/// request waits (outside its attempt timeout) and is sent, never failed; holds are counted and logged once per
/// venue and key. Real HTTP on 127.0.0.1, a fake clock.
/// </summary>
public sealed class RestRateLimitTransportTests
{
    private static readonly RestRateLimit TwoPerSecond = new("acme", "private", Capacity: 2, DecayPerSecond: 1);

    private readonly FakeTimeProvider _time = new();
    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task SendAsync_PastTheDeclaredLimit_HeldUntilItDecaysThenSent_CountedAndLoggedOnce()
    {
        await using var server = await RestTestServer.StartAsync();
        using var transport = Transport(RestTransportOptions.Default);

        await transport.SendAsync(Request(server, TwoPerSecond));
        await transport.SendAsync(Request(server, TwoPerSecond));
        var third = transport.SendAsync(Request(server, TwoPerSecond));
        var fourth = transport.SendAsync(Request(server, TwoPerSecond));
        await Task.Delay(100);

        Assert.False(third.IsCompleted);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(2, server.Requests);
        Assert.Equal(2, transport.Counters.Delayed);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await third.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.False(fourth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await fourth.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);

        Assert.Equal(4, server.Requests);
        Assert.Equal(4, transport.Counters.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(3), transport.Counters.DelayedTime); // the third waited 1 s, the fourth 2 s
        var held = Assert.Single(_logs.Lines, l => l.EventId == 1202);
        Assert.Contains("acme private", held.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", held.Text, StringComparison.Ordinal); // the query string carries a signature
    }

    [Fact]
    public async Task SendAsync_HeldLongerThanTheAttemptTimeout_NotTimedOut()
    {
        await using var server = await RestTestServer.StartAsync();
        using var transport = Transport(RestTransportOptions.Default with { AttemptTimeout = TimeSpan.FromSeconds(1) });
        var slow = new RestRateLimit("acme", "slow", Capacity: 1, DecayPerSecond: 0.1);
        await transport.SendAsync(Request(server, slow));

        var held = transport.SendAsync(Request(server, slow));
        await Task.Delay(50);
        _time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.False(held.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(200, (await held.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task SendAsync_LimitsOfDifferentKeys_DoNotHoldEachOther()
    {
        await using var server = await RestTestServer.StartAsync();
        using var transport = Transport(RestTransportOptions.Default);
        var other = TwoPerSecond with { Venue = "other" };
        await transport.SendAsync(Request(server, TwoPerSecond));
        await transport.SendAsync(Request(server, TwoPerSecond));

        var response = await transport.SendAsync(Request(server, other)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(0, transport.Counters.Delayed);
    }

    [Fact]
    public async Task SendAsync_ARetry_DrawsFromTheLimitAgain()
    {
        await using var server = await RestTestServer.StartAsync((429, "0")); // Retry-After 0: the retry is held by the limit, not by a backoff
        using var transport = Transport(RestTransportOptions.Default);
        var one = new RestRateLimit("acme", "one", Capacity: 1, DecayPerSecond: 1);

        var send = transport.SendAsync(Request(server, one) with { IsIdempotent = true });
        await WaitUntilAsync(() => transport.Counters.Delayed == 1);
        Assert.Equal(1, server.Requests);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(200, (await send.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.Equal(2, server.Requests);
        Assert.Equal(1, transport.Counters.Retries);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(10);
        }
    }

    private HttpRestTransport Transport(RestTransportOptions options) =>
        new(options, _time, new Logger<HttpRestTransport>(LoggerFactory.Create(b => b.AddProvider(_logs))));

    private static RestRequest Request(RestTestServer server, RestRateLimit limit) => new(HttpMethod.Get, server.Uri)
    {
        Operation = "GET ping",
        RateLimit = limit,
    };
}
