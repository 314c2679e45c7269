using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Tests.Books;

public sealed class IncrementalChecksumTests
{
    private static readonly Symbol Pair = Symbol.Parse("BTC/USD");

    [Theory]
    [InlineData(10, 1, false)]
    [InlineData(10, 2, false)]
    [InlineData(25, 3, false)]
    [InlineData(100, 4, false)]
    [InlineData(10, 5, false)]
    [InlineData(25, 6, false)]
    [InlineData(25, 7, false)]
    [InlineData(500, 8, false)]
    [InlineData(10, 1, true)]
    [InlineData(10, 2, true)]
    [InlineData(25, 3, true)]
    [InlineData(100, 4, true)]
    [InlineData(10, 5, true)]
    [InlineData(25, 6, true)]
    [InlineData(25, 7, true)]
    [InlineData(500, 8, true)]
    public void Compute_RandomFramesWithChanges_EqualsFullRebuild(int depth, int seed, bool toldWhereChangesLanded)
    {
        var instruments = new InstrumentTable();
        instruments.Set(Pair, new Precision(1, 8));
        var incremental = new KrakenChecksum(instruments);
        var book = new OrderBook(Pair, depth);
        var random = new Random(seed);
        var snapshot = new List<LevelChange>();
        for (var i = 1; i <= depth; i++)
        {
            snapshot.Add(new LevelChange(BookSide.Bid, 1000m - (i * 0.1m), Size(random)));
            snapshot.Add(new LevelChange(BookSide.Ask, 1000m + (i * 0.1m), Size(random)));
        }

        book.ApplySnapshot(snapshot.ToArray());
        incremental.Compute(book);
        for (var frame = 0; frame < 5000; frame++)
        {
            var changes = new LevelChange[random.Next(1, 6)];
            for (var k = 0; k < changes.Length; k++)
            {
                var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
                var offset = random.Next(1, depth + 6) * 0.1m;
                var price = side == BookSide.Bid ? 1000m - offset : 1000m + offset;
                changes[k] = new LevelChange(side, price, random.Next(3) == 0 ? 0m : Size(random));
            }

            var landed = new AppliedLevel[changes.Length];
            for (var k = 0; k < changes.Length; k++)
            {
                var action = book.Apply(changes[k], out var position);
                landed[k] = new AppliedLevel(action, position);
            }

            book.Truncate();
            var value = toldWhereChangesLanded ? incremental.Compute(book, changes, landed) : incremental.Compute(book, changes);

            var fresh = new KrakenChecksum(instruments).Compute(book);
            Assert.Equal(fresh, value);
            Assert.Equal(Reference(book, new Precision(1, 8)), value);
        }

        Assert.Equal(1, incremental.Rebuilds);
    }

    [Fact]
    public void Compute_BookChangedBesidesGivenFrame_RebuildsAndMatches()
    {
        var instruments = new InstrumentTable();
        instruments.Set(Pair, new Precision(1, 8));
        var incremental = new KrakenChecksum(instruments);
        var book = new OrderBook(Pair, 10);
        var levels = new List<LevelChange>();
        for (var i = 1; i <= 10; i++)
        {
            levels.Add(new LevelChange(BookSide.Bid, 1000m - (i * 0.1m), i));
            levels.Add(new LevelChange(BookSide.Ask, 1000m + (i * 0.1m), i));
        }

        book.ApplySnapshot(levels.ToArray());
        incremental.Compute(book);

        // A change the checksum is not told about (e.g. an update without a checksum), then a frame it is told about.
        book.Apply(new LevelChange(BookSide.Bid, 999.9m, 42m));
        LevelChange[] frame = [new(BookSide.Ask, 1000.1m, 7m)];
        book.Apply(frame[0]);

        Assert.Equal(new KrakenChecksum(instruments).Compute(book), incremental.Compute(book, frame));
        Assert.Equal(2, incremental.Rebuilds);
    }

    /// <summary>The checksum as the docs describe it, by plain string formatting (no caching, no combining).</summary>
    private static uint Reference(OrderBook book, Precision precision)
    {
        var text = new StringBuilder();
        foreach (var level in book.Asks.ToArray(10))
        {
            text.Append(Digits(level.Price, precision.Price)).Append(Digits(level.Size, precision.Quantity));
        }

        foreach (var level in book.Bids.ToArray(10))
        {
            text.Append(Digits(level.Price, precision.Price)).Append(Digits(level.Size, precision.Quantity));
        }

        return Crc32.HashToUInt32(Encoding.ASCII.GetBytes(text.ToString()));
    }

    private static string Digits(decimal value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0');

    private static decimal Size(Random random) => Math.Round((decimal)random.NextDouble() * 3m, 8) + 0.00000001m;
}
