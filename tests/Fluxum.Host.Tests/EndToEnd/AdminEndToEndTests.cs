using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fluxum.Host.Configuration;
using Fluxum.Host.Operations;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// The admin server over real HTTP on 127.0.0.1, in front of a real deployment of the real simulators: Prometheus
/// metrics, readiness through a stall, the bearer token; and <c>fluxum run</c> with <c>admin: { listen }</c> in a child
/// process, scraped while it runs.
/// </summary>
public sealed partial class AdminEndToEndTests : IDisposable
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");
    private readonly CliHarness _cli = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Metrics_ScrapedOverHttp_FramesIncreaseAndAChecksumFaultIsCountedOnce()
    {
        await using var run = await SimulatedDeployment.StartAsync(_cli, "kraken");
        await run.WaitForGoodBooksAsync(Btc, Eth);
        await run.WaitAsync(() => run.Venue.Feed!.Counters.EventsOf(Fluxum.Host.MarketData.EventKind.Trade) > 0, "a trade (the simulator trades at random ticks)");
        await using var admin = await StartAdminAsync(run, TimeSpan.FromSeconds(30));

        var first = Parse(await _http.GetStringAsync(new Uri(admin.Server.Address, "metrics")));
        Assert.True(first[Series("fluxum_feed_frames_total", "venue", "kraken")] > 0);
        Assert.True(first[Series("fluxum_feed_bytes_total", "venue", "kraken")] > first[Series("fluxum_feed_frames_total", "venue", "kraken")]);
        Assert.True(first[Series("fluxum_feed_events_total", "venue", "kraken", "kind", "trade")] > 0);
        Assert.Equal(0, first[Series("fluxum_feed_events_total", "venue", "kraken", "kind", "candle")]); // not subscribed
        Assert.Equal(0, first[Series("fluxum_book_checksums_failed_total", "venue", "kraken")]);
        Assert.Equal(0, first[Series("fluxum_book_stale", "venue", "kraken", "symbol", "BTC/USD")]);
        Assert.Equal(1, first[Series("fluxum_session_state", "venue", "kraken", "connection", "public", "state", "ready")]);
        Assert.Equal(0, first[Series("fluxum_session_state", "venue", "kraken", "connection", "public", "state", "reconnecting")]);
        Assert.True(first.ContainsKey(Series("fluxum_hub_delivered_total")));
        Assert.True(first[Series("fluxum_rest_requests_total")] > 0); // Kraken's AssetPairs and its WebSocket token
        // Each answered attempt is timed; one still in flight at the scrape is counted but not yet timed.
        Assert.InRange(first[Series("fluxum_rest_latency_seconds_count")], 1, first[Series("fluxum_rest_requests_total")]);
        Assert.True(first[Series("fluxum_book_checksums_verified_total", "venue", "kraken")] > 0);
        Assert.True(first[Series("fluxum_feed_lag_seconds_count", "venue", "kraken")] > 0, "the lag histogram is empty");
        Assert.Equal(first[Series("fluxum_feed_lag_seconds_count", "venue", "kraken")], first[Series("fluxum_feed_lag_seconds_bucket", "venue", "kraken", "le", "+Inf")]);

        Assert.True(run.Venue.Simulator!.Inject(SimulatorFault.CorruptChecksum(Btc)));
        await run.WaitAsync(() => run.Venue.Feed!.Books.Counters.ChecksumFailures >= 1, "the corrupted checksum seen");
        await run.WaitForGoodBooksAsync(Btc, Eth);

        var second = Parse(await _http.GetStringAsync(new Uri(admin.Server.Address, "metrics")));
        Assert.True(second[Series("fluxum_feed_frames_total", "venue", "kraken")] > first[Series("fluxum_feed_frames_total", "venue", "kraken")], "frames did not increase");
        Assert.Equal(1, second[Series("fluxum_book_checksums_failed_total", "venue", "kraken")]);
        Assert.True(second[Series("fluxum_book_resyncs_total", "venue", "kraken")] >= 1);
    }

    [Fact]
    public async Task Readyz_UnhealthyWhileTheSimulatorStalls_HealthyAgainAfterTheResync()
    {
        await using var run = await SimulatedDeployment.StartAsync(_cli, "kraken", watchdog: "2s");
        await run.WaitForGoodBooksAsync(Btc, Eth);
        await using var admin = await StartAdminAsync(run, TimeSpan.FromSeconds(1));
        var readyz = new Uri(admin.Server.Address, "readyz");
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(readyz)).StatusCode);
        Assert.Equal("ok\n", await _http.GetStringAsync(new Uri(admin.Server.Address, "healthz")));

        Assert.True(run.Venue.Simulator!.Inject(SimulatorFault.Stall(TimeSpan.FromSeconds(6))));

        string? unhealthy = null;
        await Eventually.TrueAsync(
            async () =>
            {
                using var answer = await _http.GetAsync(readyz);
                unhealthy = answer.StatusCode == HttpStatusCode.ServiceUnavailable ? await answer.Content.ReadAsStringAsync() : null;
                return unhealthy is not null;
            },
            "/readyz unhealthy during the stall",
            20_000);
        using (var body = JsonDocument.Parse(unhealthy!))
        {
            Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
            var checks = body.RootElement.GetProperty("checks");
            Assert.True(
                checks.GetProperty("sessions").GetProperty("status").GetString() == "unhealthy" || checks.GetProperty("books").GetProperty("status").GetString() == "unhealthy",
                unhealthy);
        }

        await Eventually.TrueAsync(async () => (await _http.GetAsync(readyz)).StatusCode == HttpStatusCode.OK, "/readyz healthy after the resync", 30_000);
        Assert.True(run.Venue.Session!.Counters.Reconnects >= 1);
    }

    [Fact]
    public async Task Token_ARequestWithoutTheBearerTokenIsRefused()
    {
        await using var run = await SimulatedDeployment.StartAsync(_cli, "gemini", "api: ws");
        await using var admin = await StartAdminAsync(run, TimeSpan.FromSeconds(30), token: "t0ken-for-the-test");
        var status = new Uri(admin.Server.Address, "status");

        using var refused = await _http.GetAsync(status);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, status) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, status) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "t0ken-for-the-test") } };
        using var answer = await _http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal("gemini", body.RootElement.GetProperty("venues")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Run_WithAdminListen_ServesMetricsReadinessAndStatusWhileItRuns()
    {
        var config = CliHarness.Config([VenueYaml.Simulated("kraken", seed: 3, tick: "100ms").Subscribe(["BTC/USD"], "trades", VenueYaml.Book(10))]);
        _cli.WriteConfig(config with { Admin = "{ listen: \"127.0.0.1:0\", stale_limit: 10s }" });

        using var run = await RunningFluxum.StartAsync(_cli.ConfigPath, "12s");
        await Eventually.TrueAsync(async () => (await _http.GetAsync(new Uri(run.Admin, "readyz"))).StatusCode == HttpStatusCode.OK, "/readyz healthy", 20_000);
        var metrics = Parse(await _http.GetStringAsync(new Uri(run.Admin, "metrics")));
        Assert.True(metrics[Series("fluxum_feed_frames_total", "venue", "kraken")] > 0);
        Assert.Equal(0, metrics[Series("fluxum_plugin_load_failures")]);
        using var status = JsonDocument.Parse(await _http.GetStringAsync(new Uri(run.Admin, "status")));
        Assert.Equal("Ready", status.RootElement.GetProperty("venues")[0].GetProperty("public").GetProperty("state").GetString());

        var result = await run.ExitAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Run_AScriptThatThrows_IsCountedAndReadyzSaysSo()
    {
        var script = Path.Combine(Path.GetDirectoryName(_cli.ConfigPath)!, "throws.csx");
        await File.WriteAllTextAsync(script, "await Task.Delay(500);\nthrow new InvalidOperationException(\"the script's own bug\");\n");
        var config = CliHarness.Config([VenueYaml.Simulated("kraken", seed: 3, tick: "100ms").Subscribe(["BTC/USD"], "trades")]);
        _cli.WriteConfig(config with { Admin = "{ listen: \"127.0.0.1:0\" }", Scripts = [script] });

        using var run = await RunningFluxum.StartAsync(_cli.ConfigPath, "8s");
        string? body = null;
        await Eventually.TrueAsync(
            async () =>
            {
                using var answer = await _http.GetAsync(new Uri(run.Admin, "readyz"));
                body = await answer.Content.ReadAsStringAsync();
                return answer.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("a script failed", StringComparison.Ordinal);
            },
            "/readyz naming the failed script",
            20_000);
        var metrics = Parse(await _http.GetStringAsync(new Uri(run.Admin, "metrics")));
        Assert.Equal(1, metrics[Series("fluxum_script_faults_total")]);
        Assert.Equal(0, metrics[Series("fluxum_script_running")]);

        var result = await run.ExitAsync();
        Assert.Equal(3, result.ExitCode);
    }

    private static async Task<Admin> StartAdminAsync(SimulatedDeployment run, TimeSpan staleLimit, string? token = null)
    {
        var metrics = new FluxumMetrics(run.Hosted);
        var readiness = new Readiness(run.Deployment, staleLimit, TimeProvider.System, scripts: null);
        var config = new AdminConfig(IPAddress.Loopback, 0) { StaleLimit = staleLimit };
        var server = await AdminServer.StartAsync(config, token, run.Hosted, metrics, readiness, null, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        return new Admin(server, metrics);
    }

    /// <summary>A series key as the exposition writes it: name and labels in order.</summary>
    private static string Series(string name, params string[] labels)
    {
        if (labels.Length == 0)
        {
            return name;
        }

        var pairs = Enumerable.Range(0, labels.Length / 2).Select(i => $"{labels[2 * i]}=\"{labels[(2 * i) + 1]}\"");
        return $"{name}{{{string.Join(',', pairs)}}}";
    }

    /// <summary>Every sample of a Prometheus text exposition by series; the comment lines are checked for each name.</summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                typed.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var name = series.Split('{')[0];
            var family = HistogramSuffix().Replace(name, string.Empty);
            Assert.True(typed.Contains(name) || typed.Contains(family), $"{name} has no # TYPE line");
            samples[series] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return samples;
    }

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();

    private sealed record Admin(AdminServer Server, FluxumMetrics Metrics) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            Metrics.Dispose();
        }
    }
}
