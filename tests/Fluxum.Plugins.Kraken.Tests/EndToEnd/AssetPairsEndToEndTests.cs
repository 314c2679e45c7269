using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Kraken.Tests.EndToEnd;

public sealed class AssetPairsEndToEndTests
{
    [Fact]
    public async Task ResolveEndpoint_SimulatedVenue_PrecisionsFromRestAssetPairsOverLoopback()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var protocol = sim.PublicProtocol();
        Assert.Equal(0, protocol.Instruments.Count);

        await protocol.ResolveEndpointAsync();

        // The simulator's defaults: BTC/USD 1/8, ETH/USD 2/8, known before any WebSocket frame.
        Assert.True(protocol.Instruments.TryGet(Symbol.Parse("BTC/USD"), out var btc));
        Assert.Equal(new Precision(1, 8), btc);
        Assert.True(protocol.Instruments.TryGet(Symbol.Parse("ETH/USD"), out var eth));
        Assert.Equal(new Precision(2, 8), eth);
        Assert.Contains(sim.Logs.Lines, m => m.Contains("pair precisions of 6 pairs from REST AssetPairs", StringComparison.Ordinal));
    }
}
