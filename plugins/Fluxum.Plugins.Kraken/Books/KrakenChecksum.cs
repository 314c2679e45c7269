using System.Collections.Concurrent;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>
/// Kraken's book checksum (WebSocket v1 and v2): CRC-32 over the best 10 asks (low to high) then the best
/// 10 bids (high to low), each level as price digits then quantity digits, formatted to the pair's
/// precision with the point and leading zeros removed. Per-book state keeps the digits of levels that
/// did not change, and a CRC per side, so verifying a frame re-hashes only the side it touched.
/// </summary>
internal sealed class KrakenChecksum : IBookChecksum
{
    /// <summary>Levels per side that enter the checksum, whatever the subscribed depth.</summary>
    public const int Levels = 10;

    private readonly InstrumentTable _instruments;
    private readonly ConcurrentDictionary<long, BookDigits> _books = new();
    private BookDigits? _recent0;
    private BookDigits? _recent1;

    /// <summary>How many computations read the whole top of the book (snapshots, no frame note, or a mismatch).</summary>
    internal long Rebuilds { get; private set; }

    public KrakenChecksum(InstrumentTable instruments)
    {
        _instruments = instruments;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The symbol's precision is unknown (the decoder never lets that happen).</exception>
    public uint Compute(in BookView book, ReadOnlySpan<LevelChange> applied, ReadOnlySpan<AppliedLevel> landed)
    {
        // Two recently used books are remembered (atomically: a BookDigits knows its book).
        var digits = Volatile.Read(ref _recent0);
        if (digits is null || digits.BookId != book.Id)
        {
            digits = Remember(book.Id);
        }

        var version = _instruments.Version;
        if (digits.Version != version)
        {
            Reset(digits, book.Symbol, version);
        }

        // When the applied changes are all that happened to the book since a complete previous computation
        // (its version moved by exactly their count), update the cached digits from them; otherwise (or if
        // that does not line up with the book) rebuild from the book.
        var bookVersion = book.Version;
        if (applied.IsEmpty || !digits.Complete || bookVersion - digits.BookVersion != applied.Length
            || !digits.Asks.Apply(applied, landed, BookSide.Ask, book.Asks, Levels, digits.Precision)
            || !digits.Bids.Apply(applied, landed, BookSide.Bid, book.Bids, Levels, digits.Precision))
        {
            Rebuilds++;
            digits.Asks.Rebuild(book.Asks, Levels, digits.Precision);
            digits.Bids.Rebuild(book.Bids, Levels, digits.Precision);
        }

        digits.Complete = true;
        digits.BookVersion = bookVersion;

        // Asks then bids: each side's CRC is recomputed only when its text changed, and the two combine.
        return Crc32Combine.Combine(digits.Asks.Crc, digits.Bids.Crc, digits.Bids.Length);
    }

    // The rare steps are out of line: inlined, their delegate and message locals would be zeroed on every frame.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private BookDigits Remember(long bookId)
    {
        var digits = Volatile.Read(ref _recent1);
        if (digits is null || digits.BookId != bookId)
        {
            digits = _books.GetOrAdd(bookId, static id => new BookDigits(id));
        }

        Volatile.Write(ref _recent1, Volatile.Read(ref _recent0));
        Volatile.Write(ref _recent0, digits);
        return digits;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Reset(BookDigits digits, Symbol symbol, int version)
    {
        if (!_instruments.TryGet(symbol, out var precision))
        {
            throw new InvalidOperationException($"No price/quantity precision is known for {symbol}: its book checksum cannot be computed.");
        }

        digits.Reset(precision, version);
    }

    /// <summary>One book's cached text per side and the precision it was built with.</summary>
    private sealed class BookDigits
    {
        public BookDigits(long bookId)
        {
            BookId = bookId;
        }

        public long BookId { get; }

        public SideText Asks { get; } = new(isBid: false);

        public SideText Bids { get; } = new(isBid: true);

        public Precision Precision { get; private set; }

        public int Version { get; private set; } = -1;

        /// <summary>The book's <see cref="BookView.Version"/> at the last computation.</summary>
        public long BookVersion { get; set; }

        /// <summary>Both sides reflect the book as of the last computation.</summary>
        public bool Complete { get; set; }

        public void Reset(Precision precision, int version)
        {
            Precision = precision;
            Version = version;
            Complete = false;
            Asks.Reset();
            Bids.Reset();
        }
    }
}
