using Fluxum.Sdk.Books;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Testing.Builders;

/// <summary>
/// Builds a <see cref="BookFrame"/> step by step: levels in wire order, then sequence, checksum and times.
/// <see cref="Build"/> returns a frame over the builder's own array, so the builder must outlive the frame's use.
/// </summary>
public sealed class BookFrameBuilder
{
    private readonly List<LevelChange> _changes = [];
    private DateTimeOffset _receivedAt = TestClock.Start;
    private DateTimeOffset? _exchangeTime;
    private uint? _checksum;
    private long? _first;
    private long? _last;

    /// <summary>Starts a frame for <paramref name="symbol"/>.</summary>
    public BookFrameBuilder(Symbol symbol, bool isSnapshot)
    {
        Symbol = symbol;
        IsSnapshot = isSnapshot;
    }

    /// <summary>The instrument.</summary>
    public Symbol Symbol { get; }

    /// <summary>True for a snapshot frame.</summary>
    public bool IsSnapshot { get; }

    /// <summary>The level changes so far, in wire order.</summary>
    public IReadOnlyList<LevelChange> Changes => _changes;

    /// <summary>Adds a bid level change (size 0 removes).</summary>
    public BookFrameBuilder Bid(decimal price, decimal size, int? orderCount = null) => Level(BookSide.Bid, price, size, orderCount);

    /// <summary>Adds an ask level change (size 0 removes).</summary>
    public BookFrameBuilder Ask(decimal price, decimal size, int? orderCount = null) => Level(BookSide.Ask, price, size, orderCount);

    /// <summary>Adds a removal of the level at <paramref name="price"/>.</summary>
    public BookFrameBuilder Remove(BookSide side, decimal price) => Level(side, price, 0m, null);

    /// <summary>Adds a change.</summary>
    public BookFrameBuilder Level(BookSide side, decimal price, decimal size, int? orderCount = null)
    {
        _changes.Add(new LevelChange(side, price, size, orderCount));
        return this;
    }

    /// <summary>Adds changes.</summary>
    public BookFrameBuilder Levels(IEnumerable<LevelChange> changes)
    {
        _changes.AddRange(changes);
        return this;
    }

    /// <summary>Sets the update-id range (<paramref name="last"/> defaults to <paramref name="first"/>).</summary>
    public BookFrameBuilder Sequence(long first, long? last = null)
    {
        _first = first;
        _last = last ?? first;
        return this;
    }

    /// <summary>Sets the venue's checksum of the book after this frame.</summary>
    public BookFrameBuilder Checksum(uint checksum)
    {
        _checksum = checksum;
        return this;
    }

    /// <summary>Sets the receive time (and optionally the exchange time).</summary>
    public BookFrameBuilder At(DateTimeOffset receivedAt, DateTimeOffset? exchangeTime = null)
    {
        _receivedAt = receivedAt;
        _exchangeTime = exchangeTime;
        return this;
    }

    /// <summary>The frame, over a fresh copy of the changes.</summary>
    public BookFrame Build() => ToRecorded().ToFrame();

    /// <summary>The frame as a heap object, to keep or replay.</summary>
    public RecordedBookFrame ToRecorded() => new(Symbol, IsSnapshot, [.. _changes], _receivedAt)
    {
        ExchangeTime = _exchangeTime,
        Checksum = _checksum,
        FirstSequence = _first,
        LastSequence = _last,
    };

    /// <summary>Applies the frame to <paramref name="books"/> and returns the outcome.</summary>
    public BookFrameResult ApplyTo(BookManager books)
    {
        ArgumentNullException.ThrowIfNull(books);
        return books.Apply(Build());
    }
}
