using Fluxum.Sdk.Books;
using Fluxum.Sdk.Ledger;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Tests.Testing;

public sealed class TestEventsTests
{
    [Fact]
    public void Builders_Defaults_AreConsistentAndValid()
    {
        MarketEvent[] events =
        [
            TestEvents.Ticker(), TestEvents.Trade(), TestEvents.Ohlc(), TestEvents.BookSnapshot(), TestEvents.BookUpdate(),
            TestEvents.LedgerEntry(), TestEvents.DataQuality(),
        ];

        Assert.All(events, e => Assert.Equal("test", e.Venue));
        Assert.All(events, e => Assert.Equal(TestClock.Start, e.ReceivedAt));
        Assert.True(TestEvents.Ticker().Ask > TestEvents.Ticker().Bid);
        var candle = TestEvents.Ohlc();
        Assert.InRange(candle.Close, candle.Low, candle.High);
        Assert.Equal(TestClock.Start.AddMinutes(1), candle.End);
        var book = TestEvents.BookSnapshot();
        Assert.True(book.BestBid!.Value.Price < book.BestAsk!.Value.Price);
        Assert.Equal(LedgerEntryType.Deposit, TestEvents.LedgerEntry().Type);
    }

    [Fact]
    public void Builders_Arguments_OverrideDefaults()
    {
        var eth = Symbol.Parse("ETH/USD");

        Assert.Equal(eth, TestEvents.Trade(symbol: eth).Symbol);
        Assert.Equal(Side.Sell, TestEvents.Trade(takerSide: Side.Sell).TakerSide);
        Assert.True(TestEvents.Ohlc(isClosed: true).IsClosed);
        Assert.Equal(DataQualityKind.Crossed, TestEvents.DataQuality(DataQualityKind.Crossed).Kind);
        Assert.Equal(BookAction.Remove, TestEvents.BookUpdate(action: BookAction.Remove, size: 0m).Action);
        Assert.Equal(-2m, TestEvents.LedgerEntry(amount: -2m, type: LedgerEntryType.Withdrawal).Amount);
    }

    [Fact]
    public void LevelLists_PairsBecomeChangesOnTheirSide()
    {
        Assert.Equal([new LevelChange(BookSide.Bid, 100m, 1m), new LevelChange(BookSide.Bid, 99m, 0m)], TestEvents.Bids((100m, 1m), (99m, 0m)));
        Assert.Equal([new LevelChange(BookSide.Ask, 101m, 2m)], TestEvents.Asks((101m, 2m)));
    }

    [Fact]
    public void FrameBuilder_Build_CarriesEverythingSet()
    {
        var at = TestClock.Start.AddSeconds(1);
        var builder = TestEvents.UpdateFrame().Bid(100m, 1m, orderCount: 3).Remove(BookSide.Ask, 101m).Sequence(5, 9).Checksum(77).At(at, at.AddMilliseconds(-1));

        var frame = builder.Build();

        Assert.False(frame.IsSnapshot);
        Assert.Equal(TestEvents.Symbol, frame.Symbol);
        Assert.Equal([new LevelChange(BookSide.Bid, 100m, 1m, 3), new LevelChange(BookSide.Ask, 101m, 0m)], frame.Changes.ToArray());
        Assert.Equal((5L, 9L, 77u), (frame.FirstSequence, frame.LastSequence, frame.Checksum));
        Assert.Equal((at, at.AddMilliseconds(-1)), (frame.ReceivedAt, frame.ExchangeTime));
        Assert.Equal(builder.ToRecorded(), RecordedBookFrame.From(frame));
        Assert.NotEqual(builder.ToRecorded(), RecordedBookFrame.From(frame) with { Checksum = 78 });
    }

    [Fact]
    public void TestClock_AdvanceMs_MovesTimeAndFiresTimers()
    {
        var clock = TestClock.Create();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);

        clock.AdvanceMs(49);
        Assert.Equal(0, fired);
        clock.AdvanceMs(1);

        Assert.Equal(1, fired);
        Assert.Equal(TestClock.Start.AddMilliseconds(50), clock.GetUtcNow());
    }
}
