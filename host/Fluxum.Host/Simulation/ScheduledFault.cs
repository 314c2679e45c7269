using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Simulation;

/// <summary>One entry of a fault schedule (see <see cref="SimulatorFaultPlan"/>): what to inject and when.</summary>
/// <param name="Text">The entry as written, e.g. <c>drop@5s</c>.</param>
/// <param name="Faults">The faults to inject each time (one per instrument for a fault aimed at "every symbol").</param>
/// <param name="At">When, after the schedule starts, to inject them first.</param>
/// <param name="Every">For a periodic entry, the time between injections; null for a one-shot entry.</param>
internal sealed record ScheduledFault(string Text, IReadOnlyList<SimulatorFault> Faults, TimeSpan At, TimeSpan? Every);
