using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Gemini.Simulator;

internal sealed class GeminiSimulator : IVenueSimulator
{
    public GeminiSimulator(SimulatorOptions options) => _ = options;

    public IReadOnlyDictionary<string, Uri> Endpoints => new Dictionary<string, Uri>();

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public bool Inject(SimulatorFault fault) => false;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
