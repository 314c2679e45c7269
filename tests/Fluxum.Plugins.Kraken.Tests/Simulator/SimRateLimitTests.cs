using System.Globalization;
using System.Text;
using System.Text.Json;
using Fluxum.Plugins.Kraken.Rest;
using Fluxum.Plugins.Kraken.Simulator;
using Fluxum.Plugins.Kraken.Tests.EndToEnd;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Plugins.Kraken.Tests.Simulator;

/// <summary>
/// The simulator enforces Kraken's documented REST call counter (Starter: 15, −0.33/s, ledger calls cost 2) on a
/// raw client that bursts past it, answering as Kraken does: HTTP 200 with <c>EAPI:Rate limit exceeded</c>.
/// Real HTTP on 127.0.0.1 and real API-Sign signatures; the simulator's clock is fake, so no call decays the counter
/// until the test advances it.
/// </summary>
public sealed class SimRateLimitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
    private long _nonce = 1_000;

    [Fact]
    public async Task Private_BurstOf16Balance_FifteenAnsweredThenRateLimitExceeded()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient();

        var answers = new List<string[]>();
        for (var i = 0; i < 16; i++)
        {
            answers.Add(await PostAsync(http, sim, "Balance"));
        }

        Assert.All(answers.Take(15), errors => Assert.Empty(errors));
        Assert.Equal(["EAPI:Rate limit exceeded"], answers[15]);
        Assert.Equal(1, ((KrakenSimulator)sim).CallCounter.Refused);
    }

    [Fact]
    public async Task Private_LedgersCostTwo_EighthOfABurstRefused()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient();

        var answers = new List<string[]>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await PostAsync(http, sim, "Ledgers"));
        }

        Assert.All(answers.Take(7), errors => Assert.Empty(errors)); // 7 x 2 = 14 of 15
        Assert.Equal(["EAPI:Rate limit exceeded"], answers[7]);      // 16 > 15
        Assert.Empty(await PostAsync(http, sim, "Balance"));         // 15: a cost of 1 still fits
    }

    [Fact]
    public async Task Private_AfterTheCounterDecays_AnsweredAgain()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient();
        for (var i = 0; i < 15; i++)
        {
            Assert.Empty(await PostAsync(http, sim, "Balance"));
        }

        Assert.Equal(["EAPI:Rate limit exceeded"], await PostAsync(http, sim, "Balance"));
        _time.Advance(TimeSpan.FromSeconds(2.9)); // 0.957 decayed: still short of one call
        Assert.Equal(["EAPI:Rate limit exceeded"], await PostAsync(http, sim, "Balance"));
        _time.Advance(TimeSpan.FromSeconds(0.2)); // 3.1 s x 0.33 = 1.023
        Assert.Empty(await PostAsync(http, sim, "Balance"));
        Assert.Equal(["EAPI:Rate limit exceeded"], await PostAsync(http, sim, "Balance"));
    }

    [Fact]
    public async Task Public_NotOnTheCallCounter()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient();
        var rest = sim.Endpoints[KrakenEndpoints.Rest];

        for (var i = 0; i < 20; i++)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(rest, "0/public/Time")));
            Assert.Equal(0, doc.RootElement.GetProperty("error").GetArrayLength());
        }

        Assert.Equal(0, ((KrakenSimulator)sim).CallCounter.Level);
    }

    private async Task<IVenueSimulator> StartAsync()
    {
        var simulator = new KrakenPlugin().CreateSimulator(new SimulatorOptions
        {
            Seed = 7,
            TickInterval = TimeSpan.FromSeconds(30),
            Credentials = new VenueCredentials(SimulatorFixture.Key, SimulatorFixture.Secret),
            Time = _time,
        });
        await simulator.StartAsync();
        return simulator;
    }

    /// <summary>A signed private POST, as any client would send it; the answer's error array.</summary>
    private async Task<string[]> PostAsync(HttpClient http, IVenueSimulator sim, string method)
    {
        var path = "/0/private/" + method;
        var nonce = (++_nonce).ToString(CultureInfo.InvariantCulture);
        var body = "nonce=" + nonce;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sim.Endpoints[KrakenEndpoints.Rest], path.TrimStart('/')))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("API-Key", SimulatorFixture.Key);
        request.Headers.Add("API-Sign", KrakenSigner.Sign(path, nonce, body, SimulatorFixture.Secret));
        using var response = await http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. doc.RootElement.GetProperty("error").EnumerateArray().Select(e => e.GetString()!)];
    }
}
