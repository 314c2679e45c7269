using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Gemini.Rest;
using Fluxum.Plugins.Gemini.Simulator;
using Fluxum.Plugins.Gemini.Tests.EndToEnd;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Plugins.Gemini.Tests.Simulator;

/// <summary>
/// The simulator enforces Gemini's documented rates (public 120 a minute, private 600) as the venue describes them:
/// past the rate a burst of five is queued and answered late, anything beyond gets HTTP 429 with Gemini's error
/// body. A raw client over real HTTP on 127.0.0.1; the simulator's clock is fake, so nothing decays until advanced.
/// </summary>
public sealed class SimRateLimitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private long _nonce = 1_000;

    [Fact]
    public async Task Public_BurstOfEight_TwoAnsweredFiveQueuedOneRefusedWith429()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient();
        var uri = new Uri(sim.Endpoints[GeminiEndpoints.Rest], "v1/symbols");

        var answered = new ConcurrentQueue<(HttpStatusCode Status, string Body)>();
        var sends = Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await http.GetAsync(uri);
            answered.Enqueue((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }).ToList();
        await Eventually(() => answered.Count == 3);
        var refused = Assert.Single(answered, a => a.Status == HttpStatusCode.TooManyRequests);
        Assert.Equal(2, answered.Count(a => a.Status == HttpStatusCode.OK));
        using (var body = JsonDocument.Parse(refused.Body))
        {
            Assert.Equal("error", body.RootElement.GetProperty("result").GetString());
            Assert.Equal("RateLimit", body.RootElement.GetProperty("reason").GetString());
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("message").GetString()));
        }

        _time.Advance(TimeSpan.FromSeconds(2.5)); // the fifth queued request is due 5 / 2 s after the burst
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(7, answered.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(1, sim.Rest.PublicCounter.Refused);
    }

    [Fact]
    public async Task Private_BurstPastTenAndFive_RefusedWith429_PublicGroupUntouched()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient();

        var answered = new ConcurrentQueue<HttpStatusCode>();
        var sends = Enumerable.Range(0, 16).Select(async _ => answered.Enqueue(await PostBalancesAsync(http, sim))).ToList();
        await Eventually(() => answered.Count == 11);
        // Sent at once, the signed requests may arrive out of nonce order: a late nonce is the venue's 400, not a
        // rate limit. What counts here is that the limit is checked first and refuses exactly the sixteenth.
        Assert.Equal(1, answered.Count(a => a == HttpStatusCode.TooManyRequests));
        _time.Advance(TimeSpan.FromSeconds(0.5));
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, answered.Count(a => a == HttpStatusCode.TooManyRequests));
        Assert.Contains(HttpStatusCode.OK, answered);
        Assert.Equal(1, sim.Rest.PrivateCounter.Refused);
        Assert.Equal(0, sim.Rest.PublicCounter.Level);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(sim.Endpoints[GeminiEndpoints.Rest], "v1/symbols"))).StatusCode);
    }

    [Fact]
    public async Task Public_AtTheDocumentedRate_NeverRefused()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient();
        var uri = new Uri(sim.Endpoints[GeminiEndpoints.Rest], "v1/symbols");

        for (var i = 0; i < 240; i++) // two minutes at 120 a minute
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(uri)).StatusCode);
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(0, sim.Rest.PublicCounter.Refused);
    }

    private async Task<GeminiSimulator> StartAsync()
    {
        var simulator = (GeminiSimulator)new GeminiPlugin().CreateSimulator(new SimulatorOptions
        {
            Seed = 5,
            TickInterval = TimeSpan.FromMinutes(5),
            Credentials = SimulatorFixture.Credentials,
            Time = _time,
        });
        await simulator.StartAsync();
        return simulator;
    }

    private async Task<HttpStatusCode> PostBalancesAsync(HttpClient http, GeminiSimulator sim)
    {
        var payload = GeminiSigner.Payload($"{{\"request\":\"/v1/balances\",\"nonce\":{Interlocked.Increment(ref _nonce)}}}");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.Endpoints[GeminiEndpoints.Rest], "v1/balances"))
        {
            Content = new StringContent(string.Empty, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-GEMINI-APIKEY", SimulatorFixture.Credentials.ApiKey);
        request.Headers.Add("X-GEMINI-PAYLOAD", payload);
        request.Headers.Add("X-GEMINI-SIGNATURE", GeminiSigner.Sign(payload, SimulatorFixture.Credentials.ApiSecret));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
