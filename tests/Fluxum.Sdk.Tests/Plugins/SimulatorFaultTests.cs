using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Tests.Plugins;

public sealed class SimulatorFaultTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");

    [Fact]
    public void Factories_SetTheKindAndOnlyItsParameters()
    {
        Assert.True(SimulatorFault.Stall(TimeSpan.FromSeconds(3)) is { Kind: SimulatorFaultKind.Stall, Symbol.IsEmpty: true, StatusCode: 0 });
        Assert.True(SimulatorFault.JumpSequence(Btc) is { Kind: SimulatorFaultKind.JumpSequence, By: SimulatorFault.DefaultJump });
        Assert.True(SimulatorFault.RestError(429, retryAfter: TimeSpan.FromSeconds(1)) is { Kind: SimulatorFaultKind.RestError, StatusCode: 429, Count: 1, RetryAfter.Seconds: 1 });
        Assert.Equal(Btc, SimulatorFault.CutFrame(Btc).Symbol);
        Assert.True(SimulatorFault.ServerShutdown() is { Kind: SimulatorFaultKind.ServerShutdown, Symbol.IsEmpty: true, Count: 0 });
    }

    [Fact]
    public void Faults_CompareByValue()
    {
        Assert.Equal(SimulatorFault.CorruptChecksum(Btc), SimulatorFault.CorruptChecksum(Btc));
        Assert.NotEqual(SimulatorFault.CorruptChecksum(Btc), SimulatorFault.SkipSequence(Btc));
        Assert.NotEqual(SimulatorFault.RestError(503, 1), SimulatorFault.RestError(503, 2));
        Assert.Equal(SimulatorFault.DropConnections(), SimulatorFault.DropConnections());
    }

    [Fact]
    public void ToString_NamesKindAndParameters()
    {
        Assert.Equal("CorruptChecksum(BTC/USD)", SimulatorFault.CorruptChecksum(Btc).ToString());
        Assert.Equal("RestError(503 x2)", SimulatorFault.RestError(503, 2).ToString());
        Assert.Equal("MalformedFrame", SimulatorFault.MalformedFrame().ToString());
        Assert.Equal("ServerShutdown", SimulatorFault.ServerShutdown().ToString());
    }
}
