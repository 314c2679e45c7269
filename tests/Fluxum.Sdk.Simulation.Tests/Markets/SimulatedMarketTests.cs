using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Sdk.Simulation.Tests.Markets;

public sealed class SimulatedMarketTests
{
    private static readonly Symbol BtcUsd = Symbol.Parse("BTC/USD");

    [Fact]
    public void Step_ManySteps_BookNeverCrossesAndReplayOfChangesRebuildsIt()
    {
        var market = new SimulatedMarket(BtcUsd, 64000m, 1, 8, new Random(42));
        var mirror = new OrderBook(BtcUsd);
        Span<LevelChange> initial = [.. Levels(market.Book.Bids, BookSide.Bid), .. Levels(market.Book.Asks, BookSide.Ask)];
        mirror.ApplySnapshot(initial);
        var now = DateTimeOffset.UnixEpoch;
        var trades = 0;

        for (var i = 0; i < 5000; i++)
        {
            var step = market.Step(now.AddMilliseconds(i * 100));
            foreach (var change in step.Changes)
            {
                mirror.Apply(change);
            }

            trades += step.Trades.Count;
            Assert.False(market.Book.IsCrossed, $"crossed after step {i}");
        }

        Assert.True(trades > 100);
        Assert.Equal(market.Book.Bids.ToArray(), mirror.Bids.ToArray());
        Assert.Equal(market.Book.Asks.ToArray(), mirror.Asks.ToArray());
        Assert.Equal(trades, market.TradeCount);
    }

    [Fact]
    public void Step_LongRun_SpreadStaysTight()
    {
        var market = new SimulatedMarket(BtcUsd, 64000m, 1, 8, new Random(9));
        var widest = 0m;
        for (var i = 0; i < 20000; i++)
        {
            market.Step(DateTimeOffset.UnixEpoch.AddMilliseconds(i * 100));
            if (i > 100)
            {
                widest = Math.Max(widest, market.Book.Top!.Value.Spread / market.Tick);
            }
        }

        Assert.True(widest <= 15, $"spread widened to {widest} ticks");
    }

    [Fact]
    public void New_DefaultDepth_DeeperThanTheDeepestSubscription()
    {
        var market = new SimulatedMarket(BtcUsd, 64000m, 1, 8, new Random(1));

        Assert.True(market.Levels > 1000);
        Assert.Equal(market.Levels, market.Book.Bids.Count);
        Assert.Equal(market.Levels, market.Book.Asks.Count);
    }

    [Fact]
    public void Step_LongRun_DepthStaysBoundedAndLevelsChangeBeyondAThousandDeepView()
    {
        var market = new SimulatedMarket(BtcUsd, 64000m, 1, 8, new Random(3));
        var deepChanges = 0;
        var deepRemovals = 0;
        for (var i = 0; i < 20000; i++)
        {
            var step = market.Step(DateTimeOffset.UnixEpoch.AddMilliseconds(i * 100));
            foreach (var change in step.Changes)
            {
                var best = change.Side == BookSide.Bid ? market.Book.Bids[0].Price : market.Book.Asks[0].Price;
                if (Math.Abs(change.Price - best) / market.Tick >= 1000)
                {
                    deepChanges++;
                    deepRemovals += change.Size == 0m ? 1 : 0;
                }
            }

            Assert.InRange(market.Book.Bids.Count, market.Levels - 2, market.Levels);
            Assert.InRange(market.Book.Asks.Count, market.Levels - 2, market.Levels);
        }

        // Levels enter and leave below the deepest subscribed view, and the book never grows past its depth.
        Assert.True(deepChanges > 1000, $"{deepChanges} changes beyond 1,000 levels");
        Assert.True(deepRemovals > 100, $"{deepRemovals} removals beyond 1,000 levels");
    }

    [Fact]
    public void New_PriceNearZero_OnlyPositiveBidLevels()
    {
        var market = new SimulatedMarket(BtcUsd, 0.5m, 2, 4, new Random(1), levels: 100);

        Assert.Equal(49, market.Book.Bids.Count);
        Assert.Equal(100, market.Book.Asks.Count);
        Assert.True(market.Book.Bids[market.Book.Bids.Count - 1].Price > 0m);
    }

    [Fact]
    public void Step_SameSeed_SameMarket()
    {
        var a = new SimulatedMarket(BtcUsd, 100m, 2, 4, new Random(7));
        var b = new SimulatedMarket(BtcUsd, 100m, 2, 4, new Random(7));
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(a.Step(DateTimeOffset.UnixEpoch).Changes, b.Step(DateTimeOffset.UnixEpoch).Changes);
        }
    }

    [Fact]
    public void CandleAccumulator_TradesAcrossIntervals_ClosesCandleWithOhlcv()
    {
        var candles = new CandleAccumulator(TimeSpan.FromMinutes(1));
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero);

        Assert.Null(candles.Add(new SimulatedTrade(1, 10m, 1m, Side.Buy, t0)));
        Assert.Null(candles.Add(new SimulatedTrade(2, 12m, 2m, Side.Buy, t0.AddSeconds(10))));
        Assert.Null(candles.Add(new SimulatedTrade(3, 9m, 1m, Side.Sell, t0.AddSeconds(20))));
        var closed = candles.Add(new SimulatedTrade(4, 11m, 1m, Side.Buy, t0.AddMinutes(1)));

        Assert.NotNull(closed);
        Assert.Equal((10m, 12m, 9m, 9m, 4m, 3), (closed.Open, closed.High, closed.Low, closed.Close, closed.Volume, closed.Count));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), closed.Start);
        Assert.Equal(11m, candles.Current!.Open);
    }

    private static IEnumerable<LevelChange> Levels(BookSideView side, BookSide which)
    {
        for (var i = 0; i < side.Count; i++)
        {
            yield return new LevelChange(which, side[i].Price, side[i].Size);
        }
    }
}
