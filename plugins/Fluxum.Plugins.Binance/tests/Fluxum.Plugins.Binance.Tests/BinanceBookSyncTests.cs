using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;
using Fluxum.Sdk.Testing.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>Strategy (b) against the simulator, through the testing library's harness (which stitches like the host).</summary>
public sealed class BinanceBookSyncTests
{
    private static readonly Symbol BtcUsdt = Symbol.Parse("BTC/USDT");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task RunAsync(Func<IVenueSimulator, VenueHarness, Task> body)
    {
        var plugin = new BinancePlugin();
        await using var simulator = plugin.CreateSimulator(new SimulatorOptions { Seed = 11, TickInterval = TimeSpan.FromMilliseconds(20) });
        await simulator.StartAsync();
        using var rest = new LoopbackRestTransport();
        var adapter = plugin.CreateVenue(new VenueContext { Venue = "bnc-books", Mode = VenueMode.Simulated, Endpoints = simulator.Endpoints, Rest = rest, LoggerFactory = NullLoggerFactory.Instance });
        await using var harness = new VenueHarness("bnc-books", adapter, adapter.CreateProtocol(ConnectionKind.Public));
        await harness.ConnectAsync();
        await body(simulator, harness);
    }

    [Fact]
    public Task StaleSnapshot_IsFetchedAgainAndTheBookComesGood() => RunAsync(async (simulator, harness) =>
    {
        Assert.True(simulator.Inject(SimulatorFault.StaleSnapshot(BtcUsdt, 2)));
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(100), BtcUsdt));

        await VenueHarness.WaitUntilAsync(() => !harness.Books.IsStale(BtcUsdt) && harness.Books.Top(BtcUsdt) is not null && harness.Books.Counters.Updates >= 3, "a good BTC/USDT book after stale snapshots", Patience);
        Assert.True(harness.SnapshotsTooOld >= 2, $"stale snapshots seen: {harness.SnapshotsTooOld}");
        Assert.Equal(0, harness.UpdateIdGaps);
    });

    [Fact]
    public Task SkippedUpdateId_IsAGapAndTheBookIsResynced() => RunAsync(async (simulator, harness) =>
    {
        await harness.SubscribeAsync(new Subscription(MarketChannel.Book(100), BtcUsdt));
        await VenueHarness.WaitUntilAsync(() => !harness.Books.IsStale(BtcUsdt) && harness.Books.Counters.Updates >= 2, "a good book", Patience);

        Assert.True(simulator.Inject(SimulatorFault.SkipSequence(BtcUsdt)));

        await VenueHarness.WaitUntilAsync(() => harness.UpdateIdGaps >= 1, "the gap noticed", Patience);
        await VenueHarness.WaitUntilAsync(() => !harness.Books.IsStale(BtcUsdt) && harness.SnapshotsFetched >= 2, "the book resynced from a new snapshot", Patience);
    });
}
