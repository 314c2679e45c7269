using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;
using Xunit.Sdk;

namespace Fluxum.Sdk.Testing.Tests;

/// <summary>Every conformance rule fails for a plugin broken the way that rule forbids.</summary>
public sealed class BrokenPluginTests
{
    [Theory]
    [InlineData(Flaw.NoName)]
    [InlineData(Flaw.RefusesWhatItOffers)]
    [InlineData(Flaw.EncodesNoSubscribe)]
    [InlineData(Flaw.ThrowsOnGarbage)]
    [InlineData(Flaw.SilentOnGarbage)]
    [InlineData(Flaw.PingIntervalWithoutPing)]
    public void OfflineRule_FailsForItsFlaw(Flaw flaw)
    {
        var suite = new Suite(flaw);
        Action rule = flaw switch
        {
            Flaw.NoName => suite.Descriptor_NamesThePluginAndItsVersion,
            Flaw.RefusesWhatItOffers => suite.Capabilities_EveryOfferedChannelPassesTheVenuesOwnChecks,
            Flaw.EncodesNoSubscribe => suite.Subscribe_EveryOfferedChannelEncodesSubscribeAndUnsubscribe,
            Flaw.ThrowsOnGarbage or Flaw.SilentOnGarbage => suite.Decode_MalformedFramesAreReportedNeverThrown,
            _ => suite.KeepAlive_AnIntervalComesWithAPing,
        };

        Assert.ThrowsAny<XunitException>(rule);
    }

    [Theory]
    [InlineData(Flaw.NegativePrices)]
    [InlineData(Flaw.WrongSymbols)]
    [InlineData(Flaw.NoSnapshot)]
    [InlineData(Flaw.ThrowsOnUnknownSymbol)]
    [InlineData(Flaw.ForgetsAfterReconnect)]
    [InlineData(Flaw.NoConnectionSequence)]
    [InlineData(Flaw.NoRestSnapshot)]
    public async Task SimulatorRule_FailsForItsFlaw(Flaw flaw)
    {
        var suite = new Suite(flaw) { Short = true };
        Func<Task> rule = flaw switch
        {
            Flaw.NegativePrices or Flaw.WrongSymbols => suite.Simulator_EveryOfferedChannelDeliversValidEventsForTheSubscribedSymbols,
            Flaw.NoSnapshot => suite.Simulator_BooksStartFromASnapshotAndPassTheirChecks,
            Flaw.ThrowsOnUnknownSymbol => suite.Simulator_AnUnknownSymbolIsRefusedAndTheRestKeepsFlowing,
            Flaw.NoConnectionSequence => suite.Simulator_ConnectionSequence_AGapStalesEveryBookAndResubscribes,
            Flaw.NoRestSnapshot => suite.Simulator_RestSnapshot_AStaleSnapshotIsRetriedAndAGapResyncsThatSymbolAlone,
            _ => suite.Simulator_AfterDroppedConnectionsReconnectAndResubscribeRestoreTheData,
        };

        await Assert.ThrowsAnyAsync<XunitException>(rule);
    }

    [Fact]
    public void EveryFlaw_HasARuleThatCatchesIt()
    {
        var covered = new[] { Flaw.NoName, Flaw.RefusesWhatItOffers, Flaw.EncodesNoSubscribe, Flaw.ThrowsOnGarbage, Flaw.SilentOnGarbage, Flaw.PingIntervalWithoutPing, Flaw.NegativePrices, Flaw.WrongSymbols, Flaw.NoSnapshot, Flaw.ThrowsOnUnknownSymbol, Flaw.ForgetsAfterReconnect, Flaw.NoConnectionSequence, Flaw.NoRestSnapshot };

        Assert.Equal(Enum.GetValues<Flaw>().Order(), covered.Order());
    }

    /// <summary>The suite over a broken plugin (not a test class itself: xunit does not discover it).</summary>
    private sealed class Suite(Flaw flaw) : PluginConformanceTests
    {
        public bool Short { get; init; }

        protected override TimeSpan Patience => Short ? TimeSpan.FromSeconds(4) : base.Patience;

        protected override IExchangePlugin CreatePlugin() => new BrokenPlugin(flaw);
    }
}
