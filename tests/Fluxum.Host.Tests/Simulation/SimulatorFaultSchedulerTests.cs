using System.Threading.Channels;
using Fluxum.Sdk;
using Fluxum.Host.Simulation;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Host.Tests.Simulation;

public sealed class SimulatorFaultSchedulerTests
{
    [Fact]
    public async Task RunAsync_OneShotAndPeriodic_InjectedOnTheClock()
    {
        var fake = TestClock.Create();
        var clock = new ArmingClock(fake);
        var simulator = new RecordingSimulator();
        var plan = SimulatorFaultPlan.Parse("drop@3s,malformed@every:2s", [Symbol.Parse("BTC/USD")]);
        using var stop = new CancellationTokenSource();
        var reports = Channel.CreateUnbounded<string>();

        // Each step waits until the scheduler has armed its next wait: a wait armed after the clock moved
        // on would start from the later time (a race of the test, not of the scheduler).
        var run = SimulatorFaultScheduler.RunAsync(simulator, plan, clock, (entry, fault, accepted) => reports.Writer.TryWrite($"{clock.GetUtcNow() - TestClock.Start:%s}s {entry.Text} {accepted}"), stop.Token);
        await clock.ArmedAsync(2);
        fake.Advance(TimeSpan.FromSeconds(1));
        Assert.False(reports.Reader.TryRead(out _));
        fake.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("2s malformed@every:2s True", await NextAsync(reports));
        await clock.ArmedAsync(3);
        fake.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("3s drop@3s True", await NextAsync(reports));
        fake.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("4s malformed@every:2s True", await NextAsync(reports));
        await clock.ArmedAsync(4);
        fake.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("6s malformed@every:2s True", await NextAsync(reports));

        Assert.False(run.IsCompleted);
        await stop.CancelAsync();
        await run;
        Assert.Equal([SimulatorFault.MalformedFrame(), SimulatorFault.DropConnections(), SimulatorFault.MalformedFrame(), SimulatorFault.MalformedFrame()], simulator.Injected);
    }

    private static async Task<string> NextAsync(Channel<string> reports)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reports.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task RunAsync_SimulatorCannotProduceIt_ReportedOnceNotRetried()
    {
        var clock = TestClock.Create();
        var simulator = new RecordingSimulator { Refuse = true };
        var plan = SimulatorFaultPlan.Parse("skip-sequence@every:1s", [Symbol.Parse("BTC/USD")]);
        var reports = new List<bool>();

        var run = SimulatorFaultScheduler.RunAsync(simulator, plan, clock, (_, _, accepted) => reports.Add(accepted));
        clock.Advance(TimeSpan.FromSeconds(5));
        await run;

        Assert.Equal([false], reports);
        Assert.Single(simulator.Injected);
    }

    /// <summary>A fake clock that counts the timers armed on it, so a test can wait for the next one.</summary>
    private sealed class ArmingClock(TimeProvider inner) : TimeProvider
    {
        private readonly SemaphoreSlim _armedSignal = new(0);
        private int _armed;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _armed);
            _armedSignal.Release();
            return timer;
        }

        public async Task ArmedAsync(int count)
        {
            while (Volatile.Read(ref _armed) < count)
            {
                Assert.True(await _armedSignal.WaitAsync(TimeSpan.FromSeconds(10)), $"the scheduler armed {Volatile.Read(ref _armed)} waits, not {count}");
            }
        }
    }

    private sealed class RecordingSimulator : IVenueSimulator
    {
        public bool Refuse { get; init; }

        public List<SimulatorFault> Injected { get; } = [];

        public IReadOnlyDictionary<string, Uri> Endpoints { get; } = new Dictionary<string, Uri>();

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public bool Inject(SimulatorFault fault)
        {
            lock (Injected)
            {
                Injected.Add(fault);
            }

            return !Refuse;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
