using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Tests.Ledger;

public sealed class LedgerQueryTests
{
    [Fact]
    public void Matches_EmptyQuery_MatchesEverything()
    {
        Assert.True(new LedgerQuery().Matches(TestEvents.LedgerEntry()));
    }

    [Fact]
    public void Matches_Asset_IgnoresCase()
    {
        var entry = TestEvents.LedgerEntry(asset: "BTC");

        Assert.True(new LedgerQuery { Asset = "btc" }.Matches(entry));
        Assert.False(new LedgerQuery { Asset = "ETH" }.Matches(entry));
    }

    [Fact]
    public void Matches_Type_ComparesKindAndOtherName()
    {
        var staking = TestEvents.LedgerEntry(type: LedgerEntryType.Other("staking"));

        Assert.True(new LedgerQuery { Type = LedgerEntryType.Other("staking") }.Matches(staking));
        Assert.True(new LedgerQuery { Type = new LedgerEntryType(LedgerEntryKind.Other) }.Matches(staking));
        Assert.False(new LedgerQuery { Type = LedgerEntryType.Other("transfer") }.Matches(staking));
        Assert.False(new LedgerQuery { Type = LedgerEntryType.Trade }.Matches(staking));
        Assert.True(new LedgerQuery { Type = LedgerEntryType.Deposit }.Matches(TestEvents.LedgerEntry()));
    }

    [Fact]
    public void Matches_TimeWindow_IsInclusiveAtBothEnds()
    {
        var start = TestClock.Start;
        var end = start.AddHours(1);
        var query = new LedgerQuery { Start = start, End = end };

        Assert.True(query.Matches(TestEvents.LedgerEntry(time: start)));
        Assert.True(query.Matches(TestEvents.LedgerEntry(time: end)));
        Assert.False(query.Matches(TestEvents.LedgerEntry(time: start.AddTicks(-1))));
        Assert.False(query.Matches(TestEvents.LedgerEntry(time: end.AddTicks(1))));
    }

    [Fact]
    public void Matches_AllFilters_MustAllPass()
    {
        var query = new LedgerQuery { Asset = "BTC", Type = LedgerEntryType.Trade, Start = TestClock.Start };

        Assert.True(query.Matches(TestEvents.LedgerEntry(type: LedgerEntryType.Trade, time: TestClock.Start.AddMinutes(1))));
        Assert.False(query.Matches(TestEvents.LedgerEntry(type: LedgerEntryType.Trade, asset: "ETH")));
    }
}
