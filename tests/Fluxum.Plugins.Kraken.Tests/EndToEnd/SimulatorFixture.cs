using Fluxum.Sdk.Testing.Transport;
using Fluxum.Plugins.Kraken.Protocol;
using Fluxum.Plugins.Kraken.Tests.Support;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken.Tests.EndToEnd;

/// <summary>A started simulator and a VenueContext pointed at it.</summary>
internal sealed class SimulatorFixture : IAsyncDisposable
{
    public const string Key = "sim-api-key-0001";
    public const string Secret = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

    private readonly LoopbackRestTransport _rest = new();

    private SimulatorFixture(IVenueSimulator simulator)
    {
        Simulator = simulator;
    }

    public IVenueSimulator Simulator { get; }

    public KrakenPlugin Plugin { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public static async Task<SimulatorFixture> StartAsync(int seed = 42, SimulatorLoad? load = null)
    {
        var simulator = new KrakenPlugin().CreateSimulator(new SimulatorOptions
        {
            Seed = seed,
            TickInterval = TimeSpan.FromMilliseconds(20),
            Credentials = new VenueCredentials(Key, Secret),
            Load = load,
        });
        await simulator.StartAsync();
        return new SimulatorFixture(simulator);
    }

    public VenueContext Context(VenueCredentials? credentials = null) => new()
    {
        Venue = "kraken",
        Mode = VenueMode.Simulated,
        Endpoints = Simulator.Endpoints,
        Credentials = credentials,
        Rest = _rest,
        LoggerFactory = Logs,
    };

    public KrakenProtocol PublicProtocol() => (KrakenProtocol)Plugin.CreateProtocol(Context(), ConnectionKind.Public);

    /// <summary>
    /// The host's path without the host, against this simulator: one real WebSocket of a fresh venue's
    /// <paramref name="kind"/> connection, its books kept and resynced by the venue's declared rules and book-sync strategy.
    /// </summary>
    public VenueHarness Harness(ConnectionKind kind = ConnectionKind.Public, VenueCredentials? credentials = null)
    {
        var venue = Plugin.CreateVenue(Context(credentials));
        return new VenueHarness("kraken", venue, venue.Protocol(kind));
    }

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        _rest.Dispose();
    }
}
