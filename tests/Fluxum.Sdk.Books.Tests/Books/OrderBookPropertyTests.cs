using Fluxum.Sdk.Books;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Books.Tests;

/// <summary>
/// Random streams (fixed seeds, so every run is the same) applied to the engine, through the manager, and to a
/// plain SortedDictionary reference model: all three must hold the same book after every frame.
/// </summary>
public sealed class OrderBookPropertyTests
{
    private const int Streams = 200;
    private const int FramesPerStream = 300;
    private static readonly int?[] Depths = [null, 1, 3, 10, 25];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var chunk = 0; chunk < 10; chunk++)
        {
            data.Add(chunk);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Apply_RandomStreams_MatchReferenceModelAfterEveryFrame(int chunk)
    {
        for (var seed = chunk * (Streams / 10); seed < (chunk + 1) * (Streams / 10); seed++)
        {
            RunStream(seed);
        }
    }

    private static void RunStream(int seed)
    {
        var random = new Random(seed);
        var depth = Depths[seed % Depths.Length];
        var symbol = new Symbol("P" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "USD");
        var engine = new OrderBook(symbol, depth);
        var manager = new BookManager("test", new BookRules { CheckCrossed = false }, TestClock.Create());
        manager.Track(symbol, depth);
        var model = new ReferenceBook(depth);

        // One stream in four writes prices at several scales, some beyond 64 bits (100.5 at scale 20): the same
        // level at another scale, and sides that leave and regain one common form, must not lose a level.
        var mixed = seed % 4 == 3;

        for (var frame = 0; frame < FramesPerStream; frame++)
        {
            var isSnapshot = frame == 0 || random.Next(100) == 0;
            var changes = isSnapshot ? RandomSnapshot(random, mixed) : RandomUpdate(random, model, mixed);
            if (isSnapshot)
            {
                engine.ApplySnapshot(changes);
                model.Snapshot(changes);
            }
            else
            {
                foreach (var change in changes)
                {
                    engine.Apply(change);
                }

                engine.Truncate();
                model.Update(changes);
            }

            var result = manager.Apply(new BookFrame(symbol, isSnapshot, changes, TestClock.Start));
            Assert.True(result is BookFrameResult.Snapshot or BookFrameResult.Applied, $"seed {seed} frame {frame}: manager said {result}");

            var where = $"seed {seed}, depth {depth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "full"}, frame {frame}";
            AssertSame(model.Bids, BookHarness.Side(engine.Bids), "engine bids", where);
            AssertSame(model.Asks, BookHarness.Side(engine.Asks), "engine asks", where);
            var copy = manager.Snapshot(symbol)!;
            AssertSame(model.Bids, BookHarness.Side(copy.Bids), "manager bids", where);
            AssertSame(model.Asks, BookHarness.Side(copy.Asks), "manager asks", where);
        }
    }

    private static void AssertSame(SortedDictionary<decimal, decimal> expected, (decimal Price, decimal Size)[] actual, string what, string where)
    {
        var want = expected.Select(kv => (kv.Key, kv.Value)).ToArray();
        if (!want.SequenceEqual(actual))
        {
            Assert.Fail($"{what} differ at {where}:\n expected {string.Join(" ", want)}\n actual   {string.Join(" ", actual)}");
        }
    }

    private static LevelChange[] RandomSnapshot(Random random, bool mixed)
    {
        var count = random.Next(0, 60);
        var changes = new LevelChange[count];
        for (var i = 0; i < count; i++)
        {
            var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
            changes[i] = new LevelChange(side, RandomPrice(random, side, mixed), RandomSize(random));
        }

        return changes;
    }

    private static LevelChange[] RandomUpdate(Random random, ReferenceBook model, bool mixed)
    {
        var count = random.Next(1, 9);
        var changes = new LevelChange[count];
        for (var i = 0; i < count; i++)
        {
            var side = random.Next(2) == 0 ? BookSide.Bid : BookSide.Ask;
            var levels = side == BookSide.Bid ? model.Bids : model.Asks;
            var roll = random.Next(100);
            changes[i] = roll switch
            {
                // Size change of a known level, mostly near the top.
                < 40 when levels.Count > 0 => new LevelChange(side, Written(random, levels.Keys.ElementAt(Math.Min(levels.Count - 1, random.Next(0, 4))), mixed), RandomSize(random)),
                // Removal of a known level.
                < 55 when levels.Count > 0 => new LevelChange(side, Written(random, levels.Keys.ElementAt(random.Next(levels.Count)), mixed), 0m),
                // Removal of a level the book does not have (no-op).
                < 65 => new LevelChange(side, RandomPrice(random, side, mixed), 0m),
                // Repeat the previous change's price within the frame (the last one wins).
                < 72 when i > 0 => changes[i - 1] with { Size = random.Next(3) == 0 ? 0m : RandomSize(random) },
                // A new level anywhere, including beyond the depth.
                _ => new LevelChange(side, RandomPrice(random, side, mixed), RandomSize(random)),
            };
        }

        return changes;
    }

    private static decimal RandomPrice(Random random, BookSide side, bool mixed) =>
        Written(random, side == BookSide.Bid ? 100m - (random.Next(0, 80) * 0.5m) : 100.5m + (random.Next(0, 80) * 0.5m), mixed);

    private static readonly int[] Scales = [1, 1, 1, 2, 3, 20];

    /// <summary>The price as written: its own scale, or (mixed) one of several, the same value either way.</summary>
    private static decimal Written(Random random, decimal price, bool mixed) => mixed
        ? decimal.Parse(price.ToString("F" + Scales[random.Next(Scales.Length)].ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
        : price;

    private static decimal RandomSize(Random random) => random.Next(1, 10_000) / 100m;

    /// <summary>The obvious model: two sorted dictionaries, best first, cut to depth after every frame.</summary>
    private sealed class ReferenceBook(int? depth)
    {
        public SortedDictionary<decimal, decimal> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));

        public SortedDictionary<decimal, decimal> Asks { get; } = new();

        public void Snapshot(LevelChange[] changes)
        {
            Bids.Clear();
            Asks.Clear();
            Update(changes);
        }

        public void Update(LevelChange[] changes)
        {
            foreach (var change in changes)
            {
                var side = change.Side == BookSide.Bid ? Bids : Asks;
                if (change.Size == 0m)
                {
                    side.Remove(change.Price);
                }
                else
                {
                    side[change.Price] = change.Size;
                }
            }

            Cut(Bids);
            Cut(Asks);
        }

        private void Cut(SortedDictionary<decimal, decimal> side)
        {
            while (depth is { } d && side.Count > d)
            {
                side.Remove(side.Keys.Last());
            }
        }
    }
}
