using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <summary>
/// An immutable copy of a book at one moment. A snapshot of a book that failed a check carries
/// <see cref="IsStale"/> = true: it is shown for diagnosis, never as good data.
/// </summary>
public sealed record BookSnapshot : SymbolEvent
{
    /// <summary>Bids, best (highest) first.</summary>
    public required IReadOnlyList<BookLevel> Bids { get; init; }

    /// <summary>Asks, best (lowest) first.</summary>
    public required IReadOnlyList<BookLevel> Asks { get; init; }

    /// <summary>The subscribed depth the book is kept to; null for a full book.</summary>
    public int? Depth { get; init; }

    /// <summary>
    /// True when the book is not good: it failed a check and is waiting for a resync, or it is
    /// <see cref="Unverified"/>.
    /// </summary>
    public bool IsStale { get; init; }

    /// <summary>
    /// Why the book cannot be verified (e.g. no pair precision for the venue's checksum), or null. An
    /// unverified book is kept and shown for diagnosis, never as good (<see cref="IsStale"/> is true).
    /// </summary>
    public string? Unverified { get; init; }

    /// <summary>The venue's checksums of this book that matched the local book, since it was first tracked.</summary>
    public long ChecksumsVerified { get; init; }

    /// <summary>The venue's checksums of this book that did not match, since it was first tracked.</summary>
    public long ChecksumFailures { get; init; }

    /// <summary>The last sequence number applied, for venues that send one.</summary>
    public long? Sequence { get; init; }

    /// <summary>The best bid, if any.</summary>
    public BookLevel? BestBid => Bids.Count > 0 ? Bids[0] : null;

    /// <summary>The best ask, if any.</summary>
    public BookLevel? BestAsk => Asks.Count > 0 ? Asks[0] : null;
}
