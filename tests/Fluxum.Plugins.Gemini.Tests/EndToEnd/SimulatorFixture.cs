using Fluxum.Sdk.Testing.Transport;
using Fluxum.Plugins.Gemini.Simulator;
using Fluxum.Plugins.Gemini.Tests.Support;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini.Tests.EndToEnd;

/// <summary>A running simulator, a real HTTP transport and a context pointing the plugin at it.</summary>
internal sealed class SimulatorFixture : IAsyncDisposable
{
    public static readonly Symbol BtcUsd = new("BTC", "USD");
    public static readonly Symbol EthUsd = new("ETH", "USD");
    public static readonly VenueCredentials Credentials = new("account-sim-key", "sim-secret-do-not-log");

    private SimulatorFixture(GeminiSimulator simulator)
    {
        Simulator = simulator;
    }

    public GeminiSimulator Simulator { get; }

    public LoopbackRestTransport Http { get; } = new();

    public GeminiPlugin Plugin { get; } = new();

    public static async Task<SimulatorFixture> StartAsync(int seed = 42)
    {
        var simulator = (GeminiSimulator)new GeminiPlugin().CreateSimulator(new SimulatorOptions
        {
            Seed = seed,
            TickInterval = TimeSpan.FromMilliseconds(20),
            Credentials = Credentials,
        });
        await simulator.StartAsync();
        return new SimulatorFixture(simulator);
    }

    public VenueContext Context(string api, VenueCredentials? credentials = null, ILoggerFactory? logs = null) =>
        TestContext.Create(Http, Simulator.Endpoints, api, credentials, logs: logs);

    /// <summary>Freezes the market and waits until the client's book equals the simulator's, level for level.</summary>
    public async Task AssertBookMatchesAsync(BookManager books, Symbol symbol)
    {
        Simulator.Inject(SimulatorFault.Stall(TimeSpan.FromSeconds(30)));
        await Eventually.True(() => Same(books, symbol), $"{symbol} client book equals the simulator's");
    }

    public bool Same(BookManager books, Symbol symbol)
    {
        var (bids, asks) = Simulator.Markets.Book(symbol);
        var mine = books.Snapshot(symbol);
        return mine is not null && !books.IsStale(symbol) && mine.Bids.SequenceEqual(bids) && mine.Asks.SequenceEqual(asks);
    }

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Http.Dispose();
    }
}
