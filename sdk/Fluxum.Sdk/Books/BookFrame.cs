namespace Fluxum.Sdk.Books;

/// <summary>One level change as the venue sent it. A size of 0 removes the level.</summary>
/// <param name="Side">Bid or ask.</param>
/// <param name="Price">The level's price.</param>
/// <param name="Size">The new total size at that price; 0 removes the level.</param>
/// <param name="OrderCount">Orders at the level, when the venue says.</param>
public readonly record struct LevelChange(BookSide Side, decimal Price, decimal Size, int? OrderCount = null);

/// <summary>
/// A decoded book message: a snapshot (replaces the book) or an update (changes in wire order), with
/// whatever integrity data the venue sent. A ref struct over spans, so decoding a frame allocates nothing.
/// </summary>
public readonly ref struct BookFrame
{
    /// <summary>Creates a frame.</summary>
    public BookFrame(Symbol symbol, bool isSnapshot, ReadOnlySpan<LevelChange> changes, DateTimeOffset receivedAt)
    {
        Symbol = symbol;
        IsSnapshot = isSnapshot;
        Changes = changes;
        ReceivedAt = receivedAt;
    }

    /// <summary>The instrument.</summary>
    public Symbol Symbol { get; }

    /// <summary>True when the frame is the whole book.</summary>
    public bool IsSnapshot { get; }

    /// <summary>Level changes in the order the venue sent them (the last change to a price wins).</summary>
    public ReadOnlySpan<LevelChange> Changes { get; }

    /// <summary>When the frame was received.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The exchange's time for the frame, if sent.</summary>
    public DateTimeOffset? ExchangeTime { get; init; }

    /// <summary>The venue's checksum of the book after this frame, if sent.</summary>
    public uint? Checksum { get; init; }

    /// <summary>The first update id the frame covers (e.g. a diff's <c>U</c>), if sent.</summary>
    public long? FirstSequence { get; init; }

    /// <summary>The last update id the frame covers (e.g. a diff's <c>u</c>), if sent.</summary>
    public long? LastSequence { get; init; }

    /// <summary>
    /// Why this frame's integrity cannot be checked although the venue's books are checked (e.g. an
    /// instrument whose precision is unknown, so its checksum cannot be computed); null for a checkable frame. The
    /// book manager applies such a frame but marks the book unverified: never served as good, reported once
    /// with this reason, until a checksum of the venue verifies it again.
    /// </summary>
    public string? Unverified { get; init; }
}
