using Fluxum.Sdk.Books;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Testing.Builders;

/// <content>Book events: snapshots, level updates and level-change lists.</content>
public static partial class TestEvents
{
    /// <summary>
    /// A book snapshot; by default bids 100 × 1, 99 × 2 and asks 101 × 1, 102 × 2. Levels are given best first.
    /// </summary>
    public static BookSnapshot BookSnapshot(Symbol? symbol = null, IReadOnlyList<BookLevel>? bids = null, IReadOnlyList<BookLevel>? asks = null, bool isStale = false, long? sequence = null, int? depth = null, DateTimeOffset? receivedAt = null) => new()
    {
        Venue = Venue,
        Symbol = symbol ?? Symbol,
        Bids = bids ?? [new BookLevel(100m, 1m), new BookLevel(99m, 2m)],
        Asks = asks ?? [new BookLevel(101m, 1m), new BookLevel(102m, 2m)],
        IsStale = isStale,
        Sequence = sequence,
        Depth = depth,
        ReceivedAt = receivedAt ?? TestClock.Start,
    };

    /// <summary>A level update; by default a bid added at 100 × 1.</summary>
    public static BookUpdate BookUpdate(BookSide side = BookSide.Bid, decimal price = 100m, decimal size = 1m, BookAction action = BookAction.Add, Symbol? symbol = null, DateTimeOffset? receivedAt = null) => new()
    {
        Venue = Venue,
        Symbol = symbol ?? Symbol,
        Side = side,
        Action = action,
        Level = new BookLevel(price, size),
        ReceivedAt = receivedAt ?? TestClock.Start,
    };

    /// <summary>Bid changes from (price, size) pairs; a size of 0 removes.</summary>
    public static LevelChange[] Bids(params (decimal Price, decimal Size)[] levels) => Changes(BookSide.Bid, levels);

    /// <summary>Ask changes from (price, size) pairs; a size of 0 removes.</summary>
    public static LevelChange[] Asks(params (decimal Price, decimal Size)[] levels) => Changes(BookSide.Ask, levels);

    /// <summary>A builder for a snapshot frame of <paramref name="symbol"/> (default <see cref="Symbol"/>).</summary>
    public static BookFrameBuilder SnapshotFrame(Symbol? symbol = null) => new(symbol ?? Symbol, isSnapshot: true);

    /// <summary>A builder for an update frame of <paramref name="symbol"/> (default <see cref="Symbol"/>).</summary>
    public static BookFrameBuilder UpdateFrame(Symbol? symbol = null) => new(symbol ?? Symbol, isSnapshot: false);

    private static LevelChange[] Changes(BookSide side, (decimal Price, decimal Size)[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var changes = new LevelChange[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            changes[i] = new LevelChange(side, levels[i].Price, levels[i].Size);
        }

        return changes;
    }
}
