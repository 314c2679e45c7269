using System.Collections.Concurrent;
using Fluxum.Host.Runtime;
using Fluxum.Host.Tests.Runtime;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Host.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>
/// The fault suite: one test per fault, injected into the real simulators (or a real loopback venue), seen
/// through the real host. Each asserts that the host survives, counts the fault, reports it as a data-quality
/// or session event, never serves a stale or unchecked book as good, and recovers within a bounded time.
/// (Dropped connections, corrupted checksums, sequence gaps: <see cref="VenueFaultEndToEndTests"/>; update-id
/// jumps and frames cut mid-way: here; refused
/// credentials: <see cref="AuthenticationRefusalEndToEndTests"/>.)
/// </summary>
[Trait("Category", "FaultSuite")]
public sealed class FaultSuiteEndToEndTests : IDisposable
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");
    private readonly CliHarness _cli = new();

    [Theory]
    [InlineData("kraken", "")]
    [InlineData("gemini", "api: ws")]
    [InlineData("gemini", "api: v2")]
    public async Task StalledFeed_WatchdogTripsBooksGoStaleThenRecover(string plugin, string settings)
    {
        await using var run = await SimulatedDeployment.StartAsync(_cli, plugin, settings, watchdog: "2s");
        var venue = run.Venue;
        var stale = new ConcurrentQueue<DataQualityEvent>();
        venue.Feed!.Books.Quality += e =>
        {
            if (e.Kind == DataQualityKind.Stale)
            {
                stale.Enqueue(e);
            }
        };
        await run.WaitForGoodBooksAsync(Btc, Eth);

        Assert.True(venue.Simulator!.Inject(SimulatorFault.Stall(TimeSpan.FromSeconds(5))));

        await run.WaitAsync(() => venue.Session!.Counters.WatchdogTrips >= 1, "the watchdog to trip on the silent feed");
        await run.WaitAsync(() => stale.Any(e => e.Symbol == Btc), "the BTC/USD book reported stale");
        SimulatedDeployment.AssertHonest(venue.Feed.Books.Snapshot(Btc));
        await run.WaitForGoodBooksAsync(Btc, Eth);
        Assert.True(venue.Session!.Counters.Reconnects >= 1);
        SimulatedDeployment.AssertHonest(venue.Feed.Books.Snapshot(Btc));
    }

    [Theory]
    [InlineData("kraken", "")]
    [InlineData("gemini", "api: ws")]
    [InlineData("gemini", "api: v2")]
    public async Task MalformedFrame_CountedAndReportedWhileSessionAndBooksStayUp(string plugin, string settings)
    {
        await using var run = await SimulatedDeployment.StartAsync(_cli, plugin, settings);
        var venue = run.Venue;
        var quality = run.Deployment.Hub.DataQuality(run.Timeout);
        await run.WaitForGoodBooksAsync(Btc, Eth);

        Assert.True(venue.Simulator!.Inject(SimulatorFault.MalformedFrame()));

        await foreach (var e in quality)
        {
            if (e.Kind == DataQualityKind.MalformedFrame)
            {
                Assert.Equal(plugin, e.Venue);
                break;
            }
        }

        Assert.True(venue.Feed!.Counters.MalformedFrames >= 1);
        Assert.Equal(0, venue.Feed.Counters.DecoderFaults);
        Assert.Equal(0, venue.Session!.Counters.Reconnects);
        var before = venue.Feed.Counters.Frames;
        await run.WaitAsync(() => venue.Feed.Counters.Frames > before + 5, "frames still flowing after the malformed one");
        await run.WaitForGoodBooksAsync(Btc, Eth);
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("gemini")]
    public async Task RateLimited_CountedAndTheCallSucceedsAfterRetryAfter(string plugin)
    {
        await using var run = await SimulatedDeployment.StartAsync(_cli, plugin);
        var ledger = run.Hosted.Ledgers[plugin];
        Assert.True(run.Venue.Simulator!.Inject(SimulatorFault.RestError(429, 1, TimeSpan.FromSeconds(1))));

        var balances = await ledger.BalancesAsync(run.Timeout);

        // The 429 may have hit the account session's own REST call rather than this one; either way it was
        // answered, counted, and every call came through.
        Assert.NotEmpty(balances);
        Assert.Equal(1, run.Hosted.RestCounters.RateLimited);
        Assert.Equal(1, run.Hosted.RestCounters.Retries); // one layer: the host retried once, the plugin not at all
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("gemini")]
    public async Task ServerError_RetriedCountedAndTheCallSucceeds(string plugin)
    {
        await using var run = await SimulatedDeployment.StartAsync(_cli, plugin);
        var ledger = run.Hosted.Ledgers[plugin];
        Assert.True(run.Venue.Simulator!.Inject(SimulatorFault.RestError(503, 1)));

        var balances = await ledger.BalancesAsync(run.Timeout);

        Assert.NotEmpty(balances);
        Assert.Equal(1, run.Hosted.RestCounters.ServerErrors);
        Assert.Equal(1, run.Hosted.RestCounters.Retries); // one 503, one retry: no plugin loop around the host's
    }

    [Theory]
    [InlineData("kraken", "GET /0/public/Assets")] // Kraken's balances first read the asset names
    [InlineData("gemini", "POST /v1/balances")] // a signed POST: retried too, as it is signed afresh
    public async Task ServerErrorThatPersists_TheSimulatorSeesOneAttemptPlusTheHostsRetriesThenTheCallFails(string plugin, string request)
    {
        var logs = new CapturedLogs();
        await using var run = await SimulatedDeployment.StartAsync(_cli, plugin, logs: logs);
        var ledger = run.Hosted.Ledgers[plugin];
        await run.WaitForSessionsReadyAsync();
        Assert.True(run.Venue.Simulator!.Inject(SimulatorFault.RestError(503, 1_000)));

        var error = await Assert.ThrowsAsync<VenueApiException>(() => ledger.BalancesAsync(run.Timeout));

        // What the simulator answered (its own log of every request): the first attempt and the host's
        // three retries; no plugin loop multiplying them.
        Assert.Equal(VenueErrorKind.Unavailable, error.Kind);
        var seen = logs.Lines.Count(l => l.EventId is SimulatorRestAnswered.Kraken or SimulatorRestAnswered.Gemini
            && l.Text.Contains($"{request} answered 503", StringComparison.Ordinal));
        Assert.True(1 + 3 == seen, $"{seen} answered 503: {error.Message}\n" + string.Join("\n", logs.Lines.Where(l => l.EventId is SimulatorRestAnswered.Kraken or SimulatorRestAnswered.Gemini).Select(l => l.Text)));
    }

    [Theory]
    [InlineData("kraken")]
    [InlineData("gemini")]
    public async Task RateLimited_TheSimulatorSeesTheRetryOnlyAfterRetryAfter(string plugin)
    {
        var logs = new CapturedLogs();
        await using var run = await SimulatedDeployment.StartAsync(_cli, plugin, logs: logs);
        var ledger = run.Hosted.Ledgers[plugin];
        await run.WaitForSessionsReadyAsync();
        Assert.True(run.Venue.Simulator!.Inject(SimulatorFault.RestError(429, 1, TimeSpan.FromSeconds(2))));

        Assert.NotEmpty(await ledger.BalancesAsync(run.Timeout));

        // The 429 may have answered the account session's own call; whichever it was, the same request came
        // again no sooner than the Retry-After said.
        List<(int EventId, string Category, string Text, DateTimeOffset At)> Answers() =>
            [.. logs.Lines.Where(l => l.EventId is SimulatorRestAnswered.Kraken or SimulatorRestAnswered.Gemini)];
        var limited = Assert.Single(Answers(), l => l.Text.Contains(" answered 429", StringComparison.Ordinal));
        var request = limited.Text[(limited.Text.IndexOf("simulator: ", StringComparison.Ordinal) + "simulator: ".Length)..limited.Text.IndexOf(" answered", StringComparison.Ordinal)];
        await run.WaitAsync(() => Answers().SkipWhile(l => l != limited).Skip(1).Any(l => l.Text.Contains($"{request} answered", StringComparison.Ordinal)), $"the retry of {request}");
        var retry = Answers().SkipWhile(l => l != limited).Skip(1).First(l => l.Text.Contains($"{request} answered", StringComparison.Ordinal));
        Assert.True(retry.At - limited.At >= TimeSpan.FromSeconds(1.95), $"{request} was retried {(retry.At - limited.At).TotalMilliseconds:0} ms after the 429 that said Retry-After: 2");
        Assert.Contains(" answered 200", retry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginThrowsWhileDecoding_FrameCountedAndReportedAndTheNextFrameArrives()
    {
        await using var server = await TestVenueServer.StartAsync();
        var venue = DeploymentTests.Venue("thrower", new JsonTestPlugin(), VenueMode.Live, server.Uri);
        await using var deployment = new Deployment([venue], DeploymentOptions.Default, NullLoggerFactory.Instance, TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var quality = deployment.Hub.DataQuality(timeout.Token);
        var trades = deployment.Hub.Trades(null, timeout.Token);
        Assert.Equal(1, await deployment.StartAsync());
        var runtime = deployment.Venues[0];
        await runtime.Session!.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(10));

        await server.BroadcastAsync("{\"type\":\"boom\"}");
        await server.BroadcastAsync(TestVenueServer.Trade(7));

        var trade = (await Eventually.TakeAsync(trades, 1))[0];
        Assert.Equal("7", trade.TradeId);
        var fault = (await Eventually.TakeAsync(quality, 1))[0];
        Assert.Equal(DataQualityKind.MalformedFrame, fault.Kind);
        Assert.Contains("threw InvalidOperationException", fault.Detail, StringComparison.Ordinal);
        Assert.Equal(1, runtime.Feed!.Counters.DecoderFaults);
        Assert.Equal(SessionState.Ready, runtime.Session.State);
        Assert.Equal(0, runtime.Session.Counters.Reconnects);
    }

    [Fact]
    public async Task ScriptThrows_ReportedWithFileAndLineWhileVenuesKeepRunning()
    {
        var script = _cli.Path2("thrower.csx");
        _cli.WriteConfig(CliHarness.Config([KrakenTrades]) with { Scripts = [script] });
        await File.WriteAllTextAsync(script, """
            var seen = 0;
            await foreach (var trade in Market.Trades(null, CancellationToken))
            {
                if (++seen == 1)
                {
                    throw new InvalidOperationException("script gave up on purpose");
                }
            }
            """);

        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath, "--duration", "8s");

        Assert.True(result.Error.Contains("thrower.csx:line 6", StringComparison.Ordinal), result.ToString());
        Assert.Contains("script gave up on purpose", result.Error, StringComparison.Ordinal);
        Assert.Equal(Fluxum.Host.Cli.ExitCodes.DeploymentFailed, result.ExitCode);
        Assert.Contains("script(s) failed: thrower", result.Error, StringComparison.Ordinal);
        var summary = result.Lines.Last(l => l.StartsWith("kraken ", StringComparison.Ordinal));
        Assert.DoesNotContain("frames 0 ", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptIgnoresCancellation_AbandonedAfterTheGracePeriodAndReported()
    {
        var script = _cli.Path2("stubborn.csx");
        _cli.WriteConfig(CliHarness.Config([KrakenTrades]) with { Scripts = [script] });
        await File.WriteAllTextAsync(script, """
            Print("ignoring cancellation");
            await Task.Delay(Timeout.Infinite);
            """);
        var started = TimeProvider.System.GetTimestamp();

        var result = await _cli.RunAsync("run", "--config", _cli.ConfigPath, "--duration", "3s");

        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "the host stopped despite the script");
        Assert.Contains("ignoring cancellation", result.Output, StringComparison.Ordinal);
        Assert.Contains("stubborn.csx", result.Error, StringComparison.Ordinal);
        Assert.Contains("abandoned", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UpdateIdJump_GeminiNewApi_CountedAsAGapBookStaleNeverGoodWhileWrongThenResynced()
    {
        // Issue #10.1: a u that jumps ahead used to freeze the book, every genuine update then dropped as a duplicate.
        await using var run = await SimulatedDeployment.StartAsync(_cli, "gemini", "api: ws");
        var venue = run.Venue;
        var books = venue.Feed!.Books;
        var seen = new ConcurrentQueue<DataQualityEvent>();
        books.Quality += seen.Enqueue;
        await run.WaitForGoodBooksAsync(Btc, Eth);
        var gapsBefore = books.Counters.Gaps;
        var started = TimeProvider.System.GetTimestamp();

        Assert.True(venue.Simulator!.Inject(SimulatorFault.JumpSequence(Btc)));

        await run.WaitAsync(() => seen.Any(e => e.Kind == DataQualityKind.Gap && e.Symbol == Btc), "a gap reported for BTC/USD");
        var gap = seen.First(e => e.Kind == DataQualityKind.Gap && e.Symbol == Btc);
        Assert.Equal("gemini", gap.Venue);
        Assert.True(books.Counters.Gaps > gapsBefore);
        Assert.Contains(seen, e => e.Kind == DataQualityKind.Stale && e.Symbol == Btc);
        SimulatedDeployment.AssertHonest(books.Snapshot(Btc));
        await run.WaitAsync(() => seen.Any(e => e.Kind == DataQualityKind.Resynced && e.Symbol == Btc) && !books.IsStale(Btc), "BTC/USD resynced");
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(15), "resynced within a bounded time");
        Assert.DoesNotContain(seen, e => e.Symbol == Eth);
        Assert.Equal(0, venue.Session!.Counters.Reconnects);
        Assert.True(venue.Session.Counters.ResyncsSent >= 1);

        // Genuine updates apply again: the book moves on (a frozen book would keep its sequence).
        var sequence = books.Snapshot(Btc)!.Sequence;
        await run.WaitAsync(() => books.Snapshot(Btc) is { IsStale: false } b && b.Sequence > sequence, "BTC/USD updated after the resync");
    }

    [Fact]
    public async Task UpdateIdJump_Kraken_RefusedAsAKindItCannotProduce()
    {
        // Kraken's books carry no update ids (checksums instead): there is nothing to jump, and the simulator says so.
        await using var run = await SimulatedDeployment.StartAsync(_cli, "kraken");

        Assert.False(run.Venue.Simulator!.Inject(SimulatorFault.JumpSequence(Btc)));
    }

    [Theory]
    [InlineData("kraken", "")]
    [InlineData("gemini", "api: ws")]
    [InlineData("gemini", "api: v2")]
    public async Task CutFrame_MalformedForThatSymbolItsBookStaleThenResyncedOthersUntouched(string plugin, string settings)
    {
        await using var run = await SimulatedDeployment.StartAsync(_cli, plugin, settings);
        var venue = run.Venue;
        var books = venue.Feed!.Books;
        var quality = run.Deployment.Hub.DataQuality(run.Timeout);
        await run.WaitForGoodBooksAsync(Btc, Eth);
        var malformedBefore = venue.Feed.Counters.MalformedFrames;
        var started = TimeProvider.System.GetTimestamp();

        Assert.True(venue.Simulator!.Inject(SimulatorFault.CutFrame(Btc)));

        var seen = new List<DataQualityEvent>();
        await foreach (var e in quality)
        {
            seen.Add(e);
            if (e.Kind == DataQualityKind.Stale && e.Symbol == Btc)
            {
                // Stale, so never served as good while short of the cut update.
                SimulatedDeployment.AssertHonest(books.Snapshot(Btc));
            }

            if (e.Kind == DataQualityKind.Resynced && e.Symbol == Btc)
            {
                break;
            }
        }

        // Its symbol can be read in the cut frame: malformed for that book only.
        var malformed = Assert.Single(seen, e => e.Kind == DataQualityKind.MalformedFrame);
        Assert.Equal((plugin, (Symbol?)Btc), (malformed.Venue, malformed.Symbol));
        Assert.True(seen.FindIndex(e => e.Kind == DataQualityKind.Stale && e.Symbol == Btc) < seen.FindIndex(e => e.Kind == DataQualityKind.Resynced && e.Symbol == Btc));
        Assert.DoesNotContain(seen, e => e.Symbol == Eth);
        Assert.True(venue.Feed.Counters.MalformedFrames > malformedBefore);
        Assert.Equal(0, venue.Feed.Counters.DecoderFaults);
        Assert.Equal(0, venue.Session!.Counters.Reconnects);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(15), "resynced within a bounded time");
        Assert.False(books.IsStale(Btc));
    }

    public void Dispose() => _cli.Dispose();

    private static readonly VenueYaml KrakenTrades = VenueYaml.Simulated("kraken", seed: 3);
}

/// <summary>The event ids the simulators log each REST answer under ("{Method} {Path} answered {Status}").</summary>
internal static class SimulatorRestAnswered
{
    public const int Kraken = 4202;
    public const int Gemini = 4301;
}
