using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Simulation;

/// <summary>Injects a parsed fault schedule (<see cref="SimulatorFaultPlan"/>) into a running simulator, on a <see cref="TimeProvider"/>.</summary>
internal static class SimulatorFaultScheduler
{
    /// <summary>
    /// Runs every entry of <paramref name="plan"/> until it is done (one-shot) or <paramref name="cancellationToken"/>
    /// is cancelled (periodic). <paramref name="injected"/> is told of each injection and whether the simulator
    /// could produce it; an entry the simulator refuses is not tried again.
    /// </summary>
    public static async Task RunAsync(
        IVenueSimulator simulator,
        IReadOnlyList<ScheduledFault> plan,
        TimeProvider time,
        Action<ScheduledFault, SimulatorFault, bool> injected,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(injected);
        var start = time.GetUtcNow();
        try
        {
            await Task.WhenAll(plan.Select(entry => RunEntryAsync(simulator, entry, start, time, injected, cancellationToken))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the schedule ends with the simulator.
        }
    }

    /// <summary>
    /// Injects at start + At + n × Every: due times fixed from the start, so a slow injection or a late
    /// wake-up never shifts the later ones.
    /// </summary>
    private static async Task RunEntryAsync(IVenueSimulator simulator, ScheduledFault entry, DateTimeOffset start, TimeProvider time, Action<ScheduledFault, SimulatorFault, bool> injected, CancellationToken cancellationToken)
    {
        var due = start + entry.At;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            var refused = false;
            foreach (var fault in entry.Faults)
            {
                var accepted = simulator.Inject(fault);
                refused |= !accepted;
                injected(entry, fault, accepted);
            }

            if (refused || entry.Every is not { } every)
            {
                return;
            }

            due += every;
        }
    }
}
