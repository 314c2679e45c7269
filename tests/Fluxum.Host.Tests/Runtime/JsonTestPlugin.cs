using Fluxum.Host.Tests.Sessions.Support;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Tests.Runtime;

/// <summary>The JSON test protocol as a plugin, with a simulator that is a <see cref="TestVenueServer"/>.</summary>
internal sealed class JsonTestPlugin : IExchangePlugin, ISimulatorProvider
{
    public static readonly Uri Unreachable = new("ws://127.0.0.1:1/");

    public PluginDescriptor Descriptor { get; } = new("jsontest", new Version(1, 0));

    /// <summary>Make CreateProtocol throw (a plugin bug).</summary>
    public bool ThrowOnCreate { get; init; }

    /// <summary>Make the simulator fail to start.</summary>
    public bool BrokenSimulator { get; init; }

    public TestVenueServer? StartedSimulator { get; private set; }

    public IVenueAdapter CreateVenue(VenueContext context) => new Venue(this, context);

    public IReadOnlyList<SimulatedInstrument> SimulatedInstruments { get; } =
        [new(Fluxum.Sdk.Symbol.Parse("BTC/USD"), 2, 8), new(Fluxum.Sdk.Symbol.Parse("ETH/USD"), 2, 8)];

    public IVenueSimulator CreateSimulator(SimulatorOptions options) => new Simulator(this);

    /// <summary>Trades, tickers and books over the JSON test protocol, with that protocol's book rules.</summary>
    private sealed class Venue(JsonTestPlugin plugin, VenueContext context) : IVenueAdapter
    {
        public VenueCapabilities Capabilities => JsonTestProtocol.Capabilities;

        public IReadOnlyList<string> Problems { get; } = [];

        public IMarketDataProtocol CreateProtocol(ConnectionKind kind) =>
            plugin.ThrowOnCreate
                ? throw new InvalidOperationException("the test plugin cannot create protocols")
                : new JsonTestProtocol(context.Venue, context.Endpoint("ws", Unreachable));
    }

    private sealed class Simulator(JsonTestPlugin plugin) : IVenueSimulator
    {
        private TestVenueServer? _server;

        public IReadOnlyDictionary<string, Uri> Endpoints =>
            _server is null ? new Dictionary<string, Uri>() : new Dictionary<string, Uri> { ["ws"] = _server.Uri };

        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (plugin.BrokenSimulator)
            {
                throw new InvalidOperationException("port already taken");
            }

            _server = await TestVenueServer.StartAsync();
            plugin.StartedSimulator = _server;
        }

        public bool Inject(SimulatorFault fault) => false;

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
