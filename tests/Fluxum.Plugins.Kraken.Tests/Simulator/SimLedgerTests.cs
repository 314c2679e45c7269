using Fluxum.Plugins.Kraken.Simulator;

namespace Fluxum.Plugins.Kraken.Tests.Simulator;

public sealed class SimLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Trade_ForLongerThanTheBound_KeepsOnlyTheNewestEntriesNewestFirstWithUniqueIds()
    {
        var ledger = new SimLedger(120, new Random(1), Start);
        var random = new Random(2);
        var last = ledger.Trade(Start, 50_000m, 0.001m, random);
        for (var i = 1; i < SimLedger.MaxEntries; i++)
        {
            last = ledger.Trade(Start.AddMilliseconds(i), 50_000m, 0.001m, random);
            Assert.True(ledger.Count <= SimLedger.MaxEntries + (SimLedger.MaxEntries / 4), $"{ledger.Count} entries after {i + 1} trades");
        }

        var all = ledger.Query(null, null, null, null);
        Assert.InRange(all.Count, SimLedger.MaxEntries, SimLedger.MaxEntries + (SimLedger.MaxEntries / 4));
        Assert.Equal(last.Base, all[0]);
        Assert.Equal(last.Quote, all[1]);
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        for (var i = 1; i < all.Count; i++)
        {
            Assert.True(all[i - 1].Time >= all[i].Time, $"entry {i} is newer than the one before it");
        }

        Assert.Same(last.Quote, ledger.Find(last.Quote.Id));
        Assert.Equal(last.Base.Balance, ledger.Balances["XXBT"]);
    }

    [Fact]
    public void Query_Filters_StartExclusiveEndInclusiveNewestFirst()
    {
        var ledger = new SimLedger(0, new Random(1), Start);
        var random = new Random(2);
        var first = ledger.Trade(Start.AddSeconds(1), 50_000m, 0.001m, random);
        var second = ledger.Trade(Start.AddSeconds(2), 50_000m, 0.001m, random);
        var third = ledger.Trade(Start.AddSeconds(3), 50_000m, 0.001m, random);

        var between = ledger.Query(new HashSet<string> { "XXBT" }, "trade", first.Base.Time, third.Base.Time);

        Assert.Equal([third.Base, second.Base], between);
    }
}
