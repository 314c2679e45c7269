using Fluxum.Host.Scripting;
using Fluxum.Host.Tests.Scripting.Support;
using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Host.Tests.Scripting;

public sealed class ScriptIsolationTests : IDisposable
{
    private static readonly Symbol BtcUsd = Symbol.Parse("BTC/USD");
    private readonly ScriptHarness _harness = new(gracePeriod: TimeSpan.FromMilliseconds(300));

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task RunAsync_ThrowsAtStart_FaultedWithScriptFileAndLine()
    {
        var path = _harness.Write("throws-at-start.csx", "Print(\"starting\");\n\nthrow new InvalidOperationException(\"boom at start\");\n");
        var script = await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);

        var outcome = await script.RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), new LineRecorder()));

        var faulted = Assert.IsType<ScriptOutcome.Faulted>(outcome);
        Assert.Equal("boom at start", faulted.Exception.Message);
        Assert.Contains($"in {path}:line 3", faulted.ScriptStackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ThrowsInLoadedFunctionAfterAwait_TraceShowsBothFiles()
    {
        var helper = _harness.Write("lib/check.csx", "static void Check(decimal price)\n{\n    if (price <= 0) throw new ArgumentOutOfRangeException(nameof(price), \"bad price\");\n}\n");
        var path = _harness.Write("throws-later.csx", """
            #load "lib/check.csx"
            await foreach (var t in Market.Trades(cancellationToken: CancellationToken))
            {
                Print($"TRADE {t.Price}");
                Check(t.Price);
            }
            """);
        var script = await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);
        var market = new FakeMarket("kraken");
        var output = new LineRecorder();
        var run = script.RunAsync(ScriptHarness.Environment(market, output));
        await market.WaitForSubscribersAsync<Trade>();

        market.Publish(TradeAt(100m));
        await output.WaitForAsync(l => l == "TRADE 100");
        market.Publish(TradeAt(-1m));
        var outcome = await run;

        var faulted = Assert.IsType<ScriptOutcome.Faulted>(outcome);
        Assert.IsType<ArgumentOutOfRangeException>(faulted.Exception);
        Assert.Contains($"at Check in {helper}:line 3", faulted.ScriptStackTrace, StringComparison.Ordinal);
        Assert.Contains($"in {path}:line 5", faulted.ScriptStackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervisor_OneScriptThrowsLater_OtherKeepsRunningAndStopsOnCancel()
    {
        var steady = await ScriptHarness.CompileOrFailAsync(_harness.Runner, _harness.Write("steady.csx", """
            await foreach (var t in Market.Trades(cancellationToken: CancellationToken))
            {
                Print($"STEADY {t.Price}");
            }
            """));
        var failing = await ScriptHarness.CompileOrFailAsync(_harness.Runner, _harness.Write("failing.csx", """
            await foreach (var t in Market.Trades(cancellationToken: CancellationToken))
            {
                if (t.Price > 150) throw new InvalidOperationException("too high");
                Print($"FAILING {t.Price}");
            }
            """));
        var market = new FakeMarket("kraken");
        var steadyOut = new LineRecorder();
        var failingOut = new LineRecorder();
        var ended = new TaskCompletionSource<ScriptReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var supervisor = new ScriptSupervisor(NullLogger<ScriptSupervisor>.Instance);
        supervisor.ScriptEnded += r => ended.TrySetResult(r);
        using var shutdown = new CancellationTokenSource();
        var all = supervisor.RunAsync(
            [new ScriptLaunch(steady, ScriptHarness.Environment(market, steadyOut)), new ScriptLaunch(failing, ScriptHarness.Environment(market, failingOut))],
            shutdown.Token);
        await market.WaitForSubscribersAsync<Trade>(2);

        market.Publish(TradeAt(100m));
        market.Publish(TradeAt(200m));
        var firstEnded = await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        market.Publish(TradeAt(300m));
        await steadyOut.WaitForAsync(l => l == "STEADY 300");
        Assert.False(all.IsCompleted);
        await shutdown.CancelAsync();
        var reports = await all;

        Assert.Equal("failing", firstEnded.Name);
        Assert.IsType<ScriptOutcome.Faulted>(firstEnded.Outcome);
        Assert.Equal(["FAILING 100"], failingOut.Lines);
        Assert.Equal(["STEADY 100", "STEADY 200", "STEADY 300"], steadyOut.Lines);
        Assert.IsType<ScriptOutcome.Cancelled>(reports[0].Outcome);
        Assert.IsType<ScriptOutcome.Faulted>(reports[1].Outcome);
    }

    [Fact]
    public async Task RunAsync_IgnoresCancellation_AbandonedAfterGracePeriod()
    {
        var path = _harness.Write("stubborn.csx", """
            Print("ignoring you");
            await Task.Delay(Timeout.Infinite);
            """);
        var script = await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);
        var output = new LineRecorder();
        using var shutdown = new CancellationTokenSource();
        var run = script.RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), output), shutdown.Token);
        await output.WaitForAsync(l => l == "ignoring you");

        Assert.False(run.IsCompleted);
        var cancelledAt = TimeProvider.System.GetTimestamp();
        await shutdown.CancelAsync();
        var outcome = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new ScriptOutcome.Abandoned(TimeSpan.FromMilliseconds(300)), outcome);
        Assert.True(TimeProvider.System.GetElapsedTime(cancelledAt) >= TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task Supervisor_ShutdownWithOneStubbornScript_AbandonsItAndReportsBoth()
    {
        // The grace period runs on a fake clock: the stubborn script cannot be abandoned before the test has
        // seen the polite one reported, however slowly the thread pool runs the polite one's end.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var runner = new ScriptRunner(_harness.Options, NullLogger<ScriptRunner>.Instance, time);
        var stubborn = await ScriptHarness.CompileOrFailAsync(runner, _harness.Write("stubborn2.csx", """
            Print("started");
            await Task.Delay(Timeout.Infinite);
            """));
        var polite = await ScriptHarness.CompileOrFailAsync(runner, _harness.Write("polite.csx", """
            Print("started");
            await Task.Delay(Timeout.Infinite, CancellationToken);
            """));
        var stubbornOut = new LineRecorder();
        var politeOut = new LineRecorder();
        var supervisor = new ScriptSupervisor(NullLogger<ScriptSupervisor>.Instance);
        var reported = new List<string>();
        supervisor.ScriptEnded += r => { lock (reported) { reported.Add(r.Name); } };
        using var shutdown = new CancellationTokenSource();
        var all = supervisor.RunAsync(
            [new ScriptLaunch(stubborn, ScriptHarness.Environment(new FakeMarket("kraken"), stubbornOut)), new ScriptLaunch(polite, ScriptHarness.Environment(new FakeMarket("kraken"), politeOut))],
            shutdown.Token);
        await stubbornOut.WaitForAsync(l => l == "started");
        await politeOut.WaitForAsync(l => l == "started");

        await shutdown.CancelAsync();
        await Eventually.TrueAsync(() => { lock (reported) { return reported.Count == 1; } }, "the polite script reported");
        Assert.Equal(["polite"], reported);
        Assert.False(all.IsCompleted);
        await Eventually.TrueAsync(() => { time.Advance(_harness.Options.GracePeriod); return all.IsCompleted; }, "the stubborn script abandoned after its grace period");
        var reports = await all;

        Assert.IsType<ScriptOutcome.Abandoned>(reports[0].Outcome);
        Assert.False(reports[0].IsSuccess);
        Assert.IsType<ScriptOutcome.Cancelled>(reports[1].Outcome);
        Assert.True(reports[1].IsSuccess);
        Assert.Equal(["polite", "stubborn2"], reported);
    }

    [Fact]
    public async Task RunAsync_BlocksBeforeFirstAwait_DoesNotHoldTheCaller()
    {
        var path = _harness.Write("blocking.csx", """
            Print("blocking");
            var gate = new ManualResetEventSlim(false);
            gate.Wait(CancellationToken);
            """);
        var script = await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);
        var output = new LineRecorder();
        using var shutdown = new CancellationTokenSource();

        var run = script.RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), output), shutdown.Token);
        await output.WaitForAsync(l => l == "blocking");

        Assert.False(run.IsCompleted);
        await shutdown.CancelAsync();
        Assert.IsType<ScriptOutcome.Cancelled>(await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task RunAsync_OwnStopAfterDeadline_CompletedNotCancelled()
    {
        var path = _harness.Write("deadline.csx", """
            var stop = StopAfter(DurationArg(0, "forever"));
            // The stream combines the script's token with the deadline: the exception carries neither.
            await foreach (var t in Market.Trades(cancellationToken: CancellationToken).WithCancellation(stop))
            {
                Print("unexpected trade");
            }
            """);
        var script = await ScriptHarness.CompileOrFailAsync(_harness.Runner, path);

        var outcome = await script.RunAsync(ScriptHarness.Environment(new FakeMarket("kraken"), new LineRecorder(), ["50ms"]))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new ScriptOutcome.Completed(null), outcome);
    }

    private static Trade TradeAt(decimal price) => new()
    {
        Venue = "kraken",
        Symbol = BtcUsd,
        Price = price,
        Size = 1m,
        TakerSide = Side.Buy,
        ReceivedAt = DateTimeOffset.UnixEpoch,
    };
}
