using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <summary>
/// A level-2 book for one symbol: the pure engine, with no threads, clocks or I/O. Applying a change
/// allocates nothing. Not thread-safe: one writer; readers take a <see cref="ToSnapshot"/>.
/// </summary>
/// <remarks>
/// Engine, not contract: a plugin's checksum sees a book only as a <see cref="BookView"/>. A simulator may keep
/// its venue's books with it (its own private copy of this library), so its checksums are those of a real book.
/// </remarks>
public sealed class OrderBook
{
    private static long s_nextId;
    private readonly LevelArray _bids;
    private readonly LevelArray _asks;

    /// <summary>Creates an empty book.</summary>
    /// <param name="symbol">The instrument.</param>
    /// <param name="depth">Levels kept per side after each frame; null keeps everything.</param>
    public OrderBook(Symbol symbol, int? depth = null)
    {
        if (depth is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "Depth must be positive.");
        }

        Symbol = symbol;
        Depth = depth;
        var capacity = depth is { } d ? (d * 2) + 16 : 256;
        _bids = new LevelArray(isBid: true, capacity);
        _asks = new LevelArray(isBid: false, capacity);
    }

    /// <summary>The instrument.</summary>
    public Symbol Symbol { get; }

    /// <summary>Unique to this book in the process (see <see cref="BookView.Id"/>).</summary>
    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    /// <summary>The book as a checksum sees it.</summary>
    public BookView View => new(Symbol, Id, Version, _bids.View, _asks.View);

    /// <summary>Levels kept per side; null for all.</summary>
    public int? Depth { get; }

    /// <summary>Bids, best (highest) first.</summary>
    public BookSideView Bids => _bids.View;

    /// <summary>Asks, best (lowest) first.</summary>
    public BookSideView Asks => _asks.View;

    /// <summary>The last sequence number applied, for venues that send one.</summary>
    public long? Sequence { get; set; }

    /// <summary>True once a snapshot was applied since the last <see cref="Clear"/>.</summary>
    public bool HasSnapshot { get; private set; }

    /// <summary>True when both sides have levels and the best bid is at or above the best ask.</summary>
    public bool IsCrossed => _bids.Count > 0 && _asks.Count > 0 && DecimalOrder.Compare(_bids.BestPrice, _asks.BestPrice) >= 0;

    /// <summary>The best bid and ask, or null when a side is empty.</summary>
    public BookTop? Top => _bids.Count > 0 && _asks.Count > 0 ? new BookTop(_bids.Best, _asks.Best) : null;

    /// <summary>Empties the book and forgets the snapshot and sequence.</summary>
    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        Version++;
        HasSnapshot = false;
        Sequence = null;
    }

    /// <summary>Replaces the whole book with <paramref name="levels"/> (sizes of 0 are ignored), then truncates.</summary>
    public void ApplySnapshot(ReadOnlySpan<LevelChange> levels)
    {
        _bids.Clear();
        _asks.Clear();
        Version++;
        foreach (ref readonly var level in levels)
        {
            Apply(level);
        }

        Truncate();
        HasSnapshot = true;
    }

    /// <summary>
    /// Applies one change: sets the size at a price, or removes the level when the size is 0.
    /// Returns what happened, or null when it removed a level the book does not have (a no-op: some venues
    /// remove levels they never published).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is not positive or the size is negative.</exception>
    public BookAction? Apply(in LevelChange change) => Apply(change, out _);

    /// <summary>
    /// Applies one change as <see cref="Apply(in LevelChange)"/> does, and tells where on its side it landed:
    /// see <see cref="AppliedLevel.Position"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is not positive or the size is negative.</exception>
    public BookAction? Apply(in LevelChange change, out int position)
    {
        if (change.Price <= 0m || change.Size < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(change), change, "A level needs a positive price and a size of zero or more.");
        }

        return ApplyValidated(change, out position);
    }

    /// <summary>
    /// Counts the changes made to the book: one per applied level change (whatever its effect), one per
    /// clear (a snapshot clears, then applies each level). A stateful <see cref="IBookChecksum"/> uses it to
    /// tell whether only the frame it is given changed the book since its last computation.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>
    /// Applies a change the caller has already validated (the manager checks a whole frame first);
    /// <paramref name="position"/> is where on its side it landed (see <see cref="AppliedLevel.Position"/>).
    /// </summary>
    internal BookAction? ApplyValidated(in LevelChange change, out int position)
    {
        Version++;
        return change.Side == BookSide.Bid
            ? _bids.Set(change.Price, change.Size, change.OrderCount, out position)
            : _asks.Set(change.Price, change.Size, change.OrderCount, out position);
    }

    /// <summary>Drops levels beyond <see cref="Depth"/>; returns how many were dropped.</summary>
    public int Truncate() => Depth is { } d ? _bids.Truncate(d) + _asks.Truncate(d) : 0;

    /// <summary>An immutable copy of up to <paramref name="depth"/> levels per side.</summary>
    public BookSnapshot ToSnapshot(string venue, DateTimeOffset receivedAt, int? depth = null, bool isStale = false, DateTimeOffset? exchangeTime = null) => new()
    {
        Venue = venue,
        Symbol = Symbol,
        Bids = _bids.View.ToArray(depth),
        Asks = _asks.View.ToArray(depth),
        Depth = Depth,
        IsStale = isStale,
        Sequence = Sequence,
        ReceivedAt = receivedAt,
        ExchangeTime = exchangeTime,
    };
}
