using Fluxum.Host.Plugins;
using Fluxum.Host.Transport;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// Issue 14, "what must show": a client that would exceed Kraken's REST limit against the simulator is delayed,
/// never refused. The Kraken plugin loaded from disk, its simulator enforcing the documented call counter
/// (Starter: 15, −0.33/s), real signed HTTP on 127.0.0.1 through the host's transport; one fake clock drives the
/// simulator's counter and the host's limiter, so the test advances time instead of sleeping.
/// </summary>
public sealed class KrakenRateLimitEndToEndTests
{
    private const string Key = "sim-api-key-0001";
    private const string Secret = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

    [Fact]
    public async Task Balances_TwentyInARow_AllAnsweredNoneRefused_TheFiveOverTheCounterHeldForItsDecay()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        using var catalog = PluginCatalog.Load([CliHarness.PluginDirectory]);
        var plugin = catalog.Get("kraken");
        var credentials = new VenueCredentials(Key, Secret);
        await using var simulator = Assert.IsAssignableFrom<ISimulatorProvider>(plugin).CreateSimulator(new SimulatorOptions
        {
            Seed = 3,
            TickInterval = TimeSpan.FromMinutes(5),
            Credentials = credentials,
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
            Credentials = credentials,
            Rest = rest,
            Time = time,
            LoggerFactory = loggers,
        });
        var ledger = venue.CreateLedgerClient();
        var start = time.GetUtcNow();

        var calls = Task.Run(async () =>
        {
            var answers = new List<IReadOnlyDictionary<string, decimal>>();
            for (var i = 0; i < 20; i++)
            {
                answers.Add(await ledger.BalancesAsync());
            }

            return answers;
        });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!calls.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, $"20 Balance calls not done; {rest.Counters.Attempts} sent, {rest.Counters.Delayed} held");
            await Task.Delay(5);
            if (rest.Counters.Delayed > 0 || rest.Counters.Retries > 0) // time moves once something waits on it (a hold, or a retry's backoff)
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
            }
        }

        var answers = await calls;
        var elapsed = time.GetUtcNow() - start;

        Assert.Equal(20, answers.Count);
        Assert.All(answers, a => Assert.True(a.ContainsKey("BTC"), "a balance answer"));
        Assert.DoesNotContain(logs.Lines, l => l.EventId == 4203); // the simulator refused no call
        Assert.Equal(0, rest.Counters.Retries);                     // nothing was refused and retried either
        var answered = logs.Lines.Where(l => l.EventId == 4202).Select(l => l.Text.Trim()).ToList();
        Assert.Equal(20, answered.Count(l => l.EndsWith("POST /0/private/Balance answered 200", StringComparison.Ordinal)));
        Assert.Equal(answered.Count, rest.Counters.Attempts);      // one attempt per call the simulator answered
        Assert.Equal(5, rest.Counters.Delayed);                     // 15 at once, then one per 1 / 0.33 s
        Assert.InRange(elapsed.TotalSeconds, 5 / 0.33, (5 / 0.33) + 1);
        Assert.InRange(rest.Counters.DelayedTime.TotalSeconds, 5 / 0.33, (5 / 0.33) + 1);
        Assert.Single(logs.Lines, l => l.EventId == 1202);           // the hold logged once for kraken/private
    }
}
