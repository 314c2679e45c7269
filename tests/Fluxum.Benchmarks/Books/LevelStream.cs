using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Benchmarks.Books;

/// <summary>
/// A precomputed, realistic stream of level changes for a book of <see cref="LevelsPerSide"/> levels per side:
/// mostly size changes in the top ten levels, 10 % levels removed and re-added near the top, and a given share
/// removed and re-added anywhere deeper (uniformly over the 990 levels below the top ten).
/// Every removal is followed by the re-add of the same price, so after a full pass the book holds the same
/// prices again and the stream can be replayed forever at a steady size.
/// </summary>
internal static class LevelStream
{
    public const int LevelsPerSide = 1_000;
    public const decimal Tick = 0.01m;
    public const decimal BestBid = 100m;
    public const decimal BestAsk = 100.01m;

    public static LevelChange[] Snapshot()
    {
        var levels = new LevelChange[LevelsPerSide * 2];
        for (var i = 0; i < LevelsPerSide; i++)
        {
            levels[2 * i] = new LevelChange(BookSide.Bid, PriceAt(BookSide.Bid, i), 1m + (i % 7));
            levels[(2 * i) + 1] = new LevelChange(BookSide.Ask, PriceAt(BookSide.Ask, i), 1m + (i % 5));
        }

        return levels;
    }

    /// <summary>The stream; <paramref name="deepPercent"/> of the events remove and re-add a level below the top ten.</summary>
    public static LevelChange[] Updates(int count, int deepPercent = 10, int seed = 42)
    {
        var random = new Random(seed);
        var changes = new LevelChange[count];
        var n = 0;
        while (n < count)
        {
            var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
            var roll = random.Next(100);
            if (roll < 90 - deepPercent || n + 2 > count)
            {
                changes[n++] = new LevelChange(side, PriceAt(side, random.Next(10)), Size(random));
                continue;
            }

            // A level leaves and comes back: near the top (cancel/replace) or anywhere deeper.
            var index = roll < 100 - deepPercent ? random.Next(10) : random.Next(10, LevelsPerSide);
            var price = PriceAt(side, index);
            changes[n++] = new LevelChange(side, price, 0m);
            changes[n++] = new LevelChange(side, price, Size(random));
        }

        return changes;
    }

    public static decimal PriceAt(BookSide side, int index) => side == BookSide.Bid ? BestBid - (index * Tick) : BestAsk + (index * Tick);

    public static Symbol Symbol { get; } = new("BTC", "USD");

    private static decimal Size(Random random) => random.Next(1, 100_000) / 10_000m;
}
