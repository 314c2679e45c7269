namespace Fluxum.Sdk.Books;

/// <summary>
/// The live books of one venue (layer 4 of the seed). A book that failed a check is stale until a resync
/// brings a fresh snapshot: while stale, <see cref="Top"/>, <see cref="Spread"/> and <see cref="Midpoint"/>
/// return null, and snapshots carry <see cref="BookSnapshot.IsStale"/>. It is never served as good. The same
/// holds for an unverified book (its frames cannot be checked, <see cref="BookSnapshot.Unverified"/> says why).
/// </summary>
public interface IBookManager
{
    /// <summary>The venue name.</summary>
    string Venue { get; }

    /// <summary>The symbols with a book.</summary>
    IReadOnlyCollection<Symbol> Symbols { get; }

    /// <summary>A copy of the whole book; null before its first snapshot or for an unknown symbol.</summary>
    BookSnapshot? Snapshot(Symbol symbol);

    /// <summary>A copy of the top <paramref name="depth"/> levels per side; null as for <see cref="Snapshot"/>.</summary>
    BookSnapshot? Levels(Symbol symbol, int depth);

    /// <summary>Best bid and ask; null when stale, one-sided, or not yet snapshotted.</summary>
    BookTop? Top(Symbol symbol);

    /// <summary>Best ask minus best bid; null when <see cref="Top"/> is.</summary>
    decimal? Spread(Symbol symbol);

    /// <summary>Mid price; null when <see cref="Top"/> is.</summary>
    decimal? Midpoint(Symbol symbol);

    /// <summary>True while the symbol's book waits for a resync (or has not had its first snapshot), or is unverified.</summary>
    bool IsStale(Symbol symbol);

    /// <summary>
    /// A snapshot after every change of the symbol's book (stale ones flagged). A consumer that falls behind
    /// skips intermediate states (counted) and always receives the newest.
    /// </summary>
    IAsyncEnumerable<BookSnapshot> Changes(Symbol symbol, CancellationToken cancellationToken = default);
}
