using Fluxum.Sdk;
using Fluxum.Host.Simulation;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Tests.Simulation;

public sealed class SimulatorFaultPlanTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");
    private static readonly Symbol[] Instruments = [Btc, Eth];

    [Fact]
    public void Parse_OneShotAndPeriodic_TimesAndFaults()
    {
        var plan = SimulatorFaultPlan.Parse("drop@5s, corrupt-checksum@every:10s", Instruments);

        Assert.Equal(2, plan.Count);
        Assert.Equal("drop@5s", plan[0].Text);
        Assert.Equal([SimulatorFault.DropConnections()], plan[0].Faults);
        Assert.Equal((TimeSpan.FromSeconds(5), (TimeSpan?)null), (plan[0].At, plan[0].Every));
        Assert.Equal("corrupt-checksum@every:10s", plan[1].Text);
        Assert.Equal((TimeSpan.FromSeconds(10), (TimeSpan?)TimeSpan.FromSeconds(10)), (plan[1].At, plan[1].Every));
        Assert.Equal([SimulatorFault.CorruptChecksum(Btc), SimulatorFault.CorruptChecksum(Eth)], plan[1].Faults);
    }

    [Theory]
    [InlineData("drop@1s", SimulatorFaultKind.DropConnections)]
    [InlineData("malformed@500ms", SimulatorFaultKind.MalformedFrame)]
    [InlineData("stall:3s@1m", SimulatorFaultKind.Stall)]
    [InlineData("rest-error:429@2s", SimulatorFaultKind.RestError)]
    [InlineData("rest-error:503@every:2s", SimulatorFaultKind.RestError)]
    [InlineData("skip-sequence:ETH/USD@1s", SimulatorFaultKind.SkipSequence)]
    [InlineData("CORRUPT-CHECKSUM:btc/usd@1s", SimulatorFaultKind.CorruptChecksum)]
    [InlineData("jump-sequence:BTC/USD@5s", SimulatorFaultKind.JumpSequence)]
    [InlineData("cut-frame:ETH/USD@every:10s", SimulatorFaultKind.CutFrame)]
    [InlineData("server-shutdown@30s", SimulatorFaultKind.ServerShutdown)]
    public void Parse_EveryKind_MapsToItsFault(string text, SimulatorFaultKind expected)
    {
        var fault = Assert.Single(Assert.Single(SimulatorFaultPlan.Parse(text, Instruments)).Faults);

        Assert.Equal(expected, fault.Kind);
    }

    [Fact]
    public void Parse_Arguments_CarriedIntoTheFaults()
    {
        var plan = SimulatorFaultPlan.Parse("stall:3s@1s,rest-error:503@1s,skip-sequence:ETH/USD@1s", Instruments);

        Assert.Equal(SimulatorFault.Stall(TimeSpan.FromSeconds(3)), plan[0].Faults[0]);
        Assert.Equal(SimulatorFault.RestError(503), plan[1].Faults[0]);
        Assert.Equal(SimulatorFault.SkipSequence(Eth), plan[2].Faults[0]);
    }

    [Fact]
    public void Parse_JumpSequenceAndCutFrame_SymbolsAndJumpCarriedIntoTheFaults()
    {
        var plan = SimulatorFaultPlan.Parse("jump-sequence:BTC/USD@5s,cut-frame@every:10s,jump-sequence:ETH/USD:1000@1s", Instruments);

        Assert.Equal([SimulatorFault.JumpSequence(Btc, 1_000_000_000)], plan[0].Faults);
        Assert.Equal([SimulatorFault.CutFrame(Btc), SimulatorFault.CutFrame(Eth)], plan[1].Faults);
        Assert.Equal((TimeSpan.FromSeconds(10), (TimeSpan?)TimeSpan.FromSeconds(10)), (plan[1].At, plan[1].Every));
        Assert.Equal([SimulatorFault.JumpSequence(Eth, 1000)], plan[2].Faults);
    }

    [Theory]
    [InlineData("jump-sequence:BTC/USD:-5@1s", "jump-sequence needs a positive whole jump after the symbol, got '-5'")]
    [InlineData("jump-sequence:BTC/USD:x@1s", "jump-sequence needs a positive whole jump after the symbol, got 'x'")]
    [InlineData("cut-frame:FOO/BAR@1s", "FOO/BAR is not an instrument of this simulator")]
    public void Parse_BadJumpOrCut_RefusedNamingThePart(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => SimulatorFaultPlan.Parse(text, Instruments));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the fault schedule is empty")]
    [InlineData("drop", "fault 'drop': no '@WHEN' in 'drop'")]
    [InlineData("explode@5s", "fault 'explode@5s': unknown fault kind 'explode'")]
    [InlineData("drop@5x", "fault 'drop@5x': '5x' is not a positive duration")]
    [InlineData("drop@every:soon", "fault 'drop@every:soon': 'soon' after every: is not a positive duration")]
    [InlineData("drop@0s", "fault 'drop@0s': '0s' is not a positive duration")]
    [InlineData("drop:now@5s", "fault 'drop:now@5s': drop takes no argument, got ':now'")]
    [InlineData("server-shutdown:now@5s", "fault 'server-shutdown:now@5s': server-shutdown takes no argument, got ':now'")]
    [InlineData("stall@5s", "fault 'stall@5s': stall needs a duration, got ''")]
    [InlineData("rest-error:404@5s", "fault 'rest-error:404@5s': rest-error needs a status of 429 or 5xx, got '404'")]
    [InlineData("corrupt-checksum:FOO/BAR@5s", "fault 'corrupt-checksum:FOO/BAR@5s': FOO/BAR is not an instrument of this simulator; its instruments: BTC/USD, ETH/USD")]
    [InlineData("corrupt-checksum:BTCUSD@5s", "fault 'corrupt-checksum:BTCUSD@5s': 'BTCUSD' is not a symbol")]
    [InlineData("drop@5s,,malformed@1s", "has an empty entry")]
    [InlineData("drop@5s,explode@1s", "fault 'explode@1s': unknown fault kind 'explode'")]
    public void Parse_BadText_ErrorNamesTheBadPart(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SimulatorFaultPlan.Parse(text, Instruments));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
