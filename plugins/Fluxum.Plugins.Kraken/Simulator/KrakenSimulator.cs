using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>Placeholder replaced below.</summary>
internal sealed class KrakenSimulator(SimulatorOptions options) : IVenueSimulator
{
    public IReadOnlyDictionary<string, Uri> Endpoints { get; } = new Dictionary<string, Uri>();

    public SimulatorOptions Options { get; } = options;

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public bool Inject(SimulatorFault fault) => false;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
