namespace Fluxum.Sdk.Plugins;

/// <summary>A wire-exact venue on 127.0.0.1.</summary>
public interface IVenueSimulator : IAsyncDisposable
{
    /// <summary>Binds the loopback port(s) and starts the market.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The simulator's addresses by endpoint name, the same names the plugin reads from
    /// <see cref="VenueContext.Endpoints"/> (so the host can point the venue at it). Valid after start.
    /// </summary>
    IReadOnlyDictionary<string, Uri> Endpoints { get; }

    /// <summary>Produces a fault. Returns false when this simulator cannot produce that kind.</summary>
    bool Inject(SimulatorFault fault);
}
