using Fluxum.Sdk.Books;
using Fluxum.Sdk.Testing.Builders;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Books.Tests;

public sealed class OrderBookTests
{
    private static readonly Symbol Btc = TestEvents.Symbol;

    [Fact]
    public void ApplySnapshot_UnorderedLevels_SortsBestFirstAndIgnoresZeroSizes()
    {
        var book = new OrderBook(Btc);

        book.ApplySnapshot([.. TestEvents.Bids((99m, 2m), (100m, 1m), (98m, 0m)), .. TestEvents.Asks((102m, 2m), (101m, 1m))]);

        Assert.True(book.HasSnapshot);
        Assert.Equal([(100m, 1m), (99m, 2m)], BookHarness.Side(book.Bids));
        Assert.Equal([(101m, 1m), (102m, 2m)], BookHarness.Side(book.Asks));
        Assert.Equal(new BookTop(new BookLevel(100m, 1m), new BookLevel(101m, 1m)), book.Top);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, 10)]
    [InlineData(3, 3)]
    public void Apply_RandomChanges_PositionIsWhereTheLevelIsOrWas(int seed, int? depth)
    {
        var book = new OrderBook(Btc, depth);
        var random = new Random(seed);
        for (var step = 0; step < 3000; step++)
        {
            var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
            var price = 1000m + (side == BookSide.Bid ? -1 : 1) * random.Next(1, 40) * 0.5m;
            var size = random.Next(3) == 0 ? 0m : random.Next(1, 100);
            var before = BookHarness.Side(side == BookSide.Bid ? book.Bids : book.Asks);

            var action = book.Apply(new LevelChange(side, price, size), out var position);

            var after = BookHarness.Side(side == BookSide.Bid ? book.Bids : book.Asks);
            switch (action)
            {
                case BookAction.Add or BookAction.Update:
                    Assert.Equal((price, size), after[position]);
                    break;
                case BookAction.Remove:
                    Assert.Equal(price, before[position].Price);
                    Assert.Equal(before.Length - 1, after.Length);
                    break;
                default:
                    Assert.Equal(-1, position);
                    Assert.Equal(before, after);
                    break;
            }

            if (step % 7 == 0)
            {
                book.Truncate();
            }
        }
    }

    [Fact]
    public void Apply_AddUpdateRemove_ReportsWhatHappened()
    {
        var book = new OrderBook(Btc);
        book.ApplySnapshot(TestEvents.Bids((100m, 1m)));

        Assert.Equal(BookAction.Add, book.Apply(new LevelChange(BookSide.Bid, 99m, 5m)));
        Assert.Equal(BookAction.Update, book.Apply(new LevelChange(BookSide.Bid, 100m, 3m, 7)));
        Assert.Equal(BookAction.Remove, book.Apply(new LevelChange(BookSide.Bid, 99m, 0m)));

        Assert.Equal([(100m, 3m)], BookHarness.Side(book.Bids));
        Assert.Equal(7, book.Bids[0].OrderCount);
    }

    [Fact]
    public void Apply_RemoveOfMissingLevel_ReturnsNullAndChangesNothing()
    {
        var book = new OrderBook(Btc);
        book.ApplySnapshot([.. TestEvents.Bids((100m, 1m), (98m, 1m)), .. TestEvents.Asks((101m, 1m))]);

        // Gemini removes levels it never published, even above the best bid.
        Assert.Null(book.Apply(new LevelChange(BookSide.Bid, 100.5m, 0m)));
        Assert.Null(book.Apply(new LevelChange(BookSide.Bid, 99m, 0m)));
        Assert.Null(book.Apply(new LevelChange(BookSide.Ask, 200m, 0m)));

        Assert.Equal([(100m, 1m), (98m, 1m)], BookHarness.Side(book.Bids));
        Assert.Equal([(101m, 1m)], BookHarness.Side(book.Asks));
    }

    [Fact]
    public void Truncate_LevelAddedBeyondDepth_IsDropped()
    {
        var book = new OrderBook(Btc, depth: 2);
        book.ApplySnapshot(TestEvents.Bids((100m, 1m), (99m, 1m), (98m, 1m)));
        Assert.Equal([(100m, 1m), (99m, 1m)], BookHarness.Side(book.Bids));

        book.Apply(new LevelChange(BookSide.Bid, 97m, 1m));
        book.Apply(new LevelChange(BookSide.Bid, 101m, 1m));
        var dropped = book.Truncate();

        Assert.Equal(2, dropped);
        Assert.Equal([(101m, 1m), (100m, 1m)], BookHarness.Side(book.Bids));
    }

    [Fact]
    public void Apply_InvalidLevel_ThrowsAndSaysWhy()
    {
        var book = new OrderBook(Btc);

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => book.Apply(new LevelChange(BookSide.Ask, 100m, -1m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.Apply(new LevelChange(BookSide.Ask, 0m, 1m)));
        Assert.Contains("positive price", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NonPositiveDepth_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrderBook(Btc, depth: 0));
    }

    [Fact]
    public void IsCrossed_BidAtAsk_IsTrue()
    {
        var book = new OrderBook(Btc);
        book.ApplySnapshot([.. TestEvents.Bids((100m, 1m)), .. TestEvents.Asks((101m, 1m))]);
        Assert.False(book.IsCrossed);

        book.Apply(new LevelChange(BookSide.Bid, 101m, 1m));

        Assert.True(book.IsCrossed);
    }

    [Theory]
    [InlineData(BookSide.Bid)]
    [InlineData(BookSide.Ask)]
    public void Apply_ThousandsOfLevelsInAnyOrder_StaySortedAcrossGrowth(BookSide side)
    {
        var book = new OrderBook(Btc);
        var random = new Random(7);
        var expected = new SortedDictionary<decimal, decimal>(side == BookSide.Bid ? Comparer<decimal>.Create((a, b) => b.CompareTo(a)) : Comparer<decimal>.Default);
        for (var i = 0; i < 5000; i++)
        {
            var price = random.Next(1, 3000);
            var size = random.Next(0, 3);
            book.Apply(new LevelChange(side, price, size));
            if (size == 0)
            {
                expected.Remove(price);
            }
            else
            {
                expected[price] = size;
            }
        }

        Assert.Equal([.. expected.Select(kv => (kv.Key, kv.Value))], BookHarness.Side(side == BookSide.Bid ? book.Bids : book.Asks));
    }

    [Theory]
    [InlineData(BookSide.Bid)]
    [InlineData(BookSide.Ask)]
    public void Apply_PricesBeyondDoublePrecision_KeepExactDecimalOrder(BookSide side)
    {
        // These differ only in digits a double cannot hold; the book must still keep them apart and in order.
        var book = new OrderBook(Btc);
        var random = new Random(11);
        var expected = new SortedDictionary<decimal, decimal>(side == BookSide.Bid ? Comparer<decimal>.Create((a, b) => b.CompareTo(a)) : Comparer<decimal>.Default);
        for (var i = 0; i < 2000; i++)
        {
            var price = 1.000000000000000000000000m + (random.Next(0, 300) * 0.000000000000000000000001m);
            var size = random.Next(0, 3);
            book.Apply(new LevelChange(side, price, size));
            if (size == 0)
            {
                expected.Remove(price);
            }
            else
            {
                expected[price] = size;
            }
        }

        Assert.Equal([.. expected.Select(kv => (kv.Key, kv.Value))], BookHarness.Side(side == BookSide.Bid ? book.Bids : book.Asks));
    }

    [Fact]
    public void Apply_SamePriceWithOtherScale_IsTheSameLevel()
    {
        var book = new OrderBook(Btc);
        book.ApplySnapshot(TestEvents.Asks((100.5m, 1m)));

        Assert.Equal(BookAction.Update, book.Apply(new LevelChange(BookSide.Ask, 100.50m, 2m)));
        Assert.Equal(BookAction.Remove, book.Apply(new LevelChange(BookSide.Ask, 100.500m, 0m)));
        Assert.Equal(0, book.Asks.Count);
    }

    [Fact]
    public void ToSnapshot_Depth_CopiesTopLevelsWithState()
    {
        var book = new OrderBook(Btc, depth: 10) { Sequence = 42 };
        book.ApplySnapshot([.. TestEvents.Bids((100m, 1m), (99m, 2m)), .. TestEvents.Asks((101m, 1m), (102m, 2m))]);

        var copy = book.ToSnapshot("test", TestClock.Start, depth: 1, isStale: true);

        Assert.Equal([(100m, 1m)], BookHarness.Side(copy.Bids));
        Assert.Equal([(101m, 1m)], BookHarness.Side(copy.Asks));
        Assert.True(copy.IsStale);
        Assert.Equal(42, copy.Sequence);
        Assert.Equal(10, copy.Depth);
        Assert.Equal(TestClock.Start, copy.ReceivedAt);
    }

    [Fact]
    public void Clear_AfterSnapshot_ForgetsEverything()
    {
        var book = new OrderBook(Btc) { Sequence = 5 };
        book.ApplySnapshot(TestEvents.Bids((100m, 1m)));

        book.Clear();

        Assert.False(book.HasSnapshot);
        Assert.Null(book.Sequence);
        Assert.Equal(0, book.Bids.Count);
        Assert.Null(book.Top);
    }

    [Fact]
    public void Indexer_OutOfRange_Throws()
    {
        var book = new OrderBook(Btc);

        Assert.Throws<ArgumentOutOfRangeException>(() => book.Bids[0]);
    }
}
