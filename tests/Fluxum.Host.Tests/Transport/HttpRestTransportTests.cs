using Fluxum.Host.Transport;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Transport;

public sealed class HttpRestTransportTests
{
    private static readonly RestTransportOptions Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 3 };

    [Fact]
    public async Task SendAsync_Idempotent503_RetriesUntilSuccess()
    {
        await using var server = await RestTestServer.StartAsync((503, null), (503, null));
        using var transport = Transport(Fast, TimeProvider.System);

        var response = await transport.SendAsync(Request(server, idempotent: true));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, server.Requests);
        Assert.Equal("{\"status\":200}", System.Text.Encoding.UTF8.GetString(response.Body.Span));
        Assert.All(server.Signatures, s => Assert.Equal("sig-value", s));
    }

    [Fact]
    public async Task SendAsync_NonIdempotent503_ReturnsWithoutRetry()
    {
        await using var server = await RestTestServer.StartAsync((503, null));
        using var transport = Transport(Fast, TimeProvider.System);

        var response = await transport.SendAsync(Request(server, idempotent: false));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_WaitsExactlyThatLongThenRetries()
    {
        await using var server = await RestTestServer.StartAsync((429, "2"));
        var time = new TimerWatchingTimeProvider();
        using var transport = Transport(Fast, time);

        var send = transport.SendAsync(Request(server, idempotent: true));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(1, server.Requests);
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        var response = await send.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task SendAsync_RetryAfterBeyondLimit_ReturnsThe429WithItsRetryAfter()
    {
        await using var server = await RestTestServer.StartAsync((429, "120"));
        using var transport = Transport(Fast, TimeProvider.System);

        var response = await transport.SendAsync(Request(server, idempotent: true));

        Assert.Equal(429, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), response.RetryAfter);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task SendAsync_ServerHangs_TimesOutWithClearError()
    {
        await using var server = await RestTestServer.StartAsync();
        server.Hang = true;
        var time = new TimerWatchingTimeProvider();
        using var transport = Transport(Fast with { AttemptTimeout = TimeSpan.FromSeconds(7) }, time);

        var send = transport.SendAsync(Request(server, idempotent: false));
        await server.FirstRequest.WaitAsync(TimeSpan.FromSeconds(10)); // the attempt's timeout is armed before the request leaves
        time.Advance(TimeSpan.FromMilliseconds(6999));
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("GET Ping (127.0.0.1:" + server.Uri.Port + ") took longer than 7000 ms", error.Message);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_Resignable503_SendsOnePlusMaxRetriesAttemptsEachFreshlySigned()
    {
        await using var server = await RestTestServer.StartAsync((503, null), (503, null), (503, null), (503, null), (503, null));
        using var transport = Transport(Fast, TimeProvider.System);
        var signed = 0;
        RestRequest Sign() => Request(server, idempotent: false) with
        {
            Headers = new Dictionary<string, string> { ["X-Signature"] = $"nonce-{Interlocked.Increment(ref signed)}" },
        };

        var first = Sign();
        var response = await transport.SendAsync(first with { Resign = Sign });

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(1 + Fast.MaxRetries, server.Requests);
        Assert.Equal(1 + Fast.MaxRetries, signed);
        Assert.Equal(server.Requests, server.Signatures.Distinct().Count());
        Assert.Equal(Fast.MaxRetries, transport.Counters.Retries);
    }

    [Fact]
    public async Task SendAsync_AnswerThePluginCallsTransient_IsRetried()
    {
        await using var server = await RestTestServer.StartAsync();
        using var transport = Transport(Fast, TimeProvider.System);
        var answers = 0;

        var response = await transport.SendAsync(Request(server, idempotent: true) with
        {
            IsTransientAnswer = _ => Interlocked.Increment(ref answers) < 3,
        });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, server.Requests);
    }

    private static HttpRestTransport Transport(RestTransportOptions options, TimeProvider time) =>
        new(options, time, NullLogger<HttpRestTransport>.Instance);

    private static RestRequest Request(RestTestServer server, bool idempotent) => new(HttpMethod.Get, server.Uri)
    {
        IsIdempotent = idempotent,
        Operation = "Ping",
        Headers = new Dictionary<string, string> { ["X-Signature"] = "sig-value" },
    };
}
