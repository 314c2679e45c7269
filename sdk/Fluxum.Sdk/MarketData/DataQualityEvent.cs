namespace Fluxum.Sdk.MarketData;

/// <summary>What kind of data problem (or recovery) happened.</summary>
public enum DataQualityKind
{
    /// <summary>A sequence number was skipped: updates were lost.</summary>
    Gap,

    /// <summary>The venue's checksum did not match the local book.</summary>
    ChecksumMismatch,

    /// <summary>The book's best bid reached or passed its best ask.</summary>
    Crossed,

    /// <summary>The book was marked stale and will not be served as good until resynced.</summary>
    Stale,

    /// <summary>A fresh snapshot replaced a stale book: it is good again.</summary>
    Resynced,

    /// <summary>A consumer fell behind and events were dropped for it (counted in the detail).</summary>
    SubscriberGap,

    /// <summary>A frame could not be decoded; it was counted and skipped.</summary>
    MalformedFrame,

    /// <summary>Updates arrived before the book's snapshot and were discarded.</summary>
    UpdateBeforeSnapshot,

    /// <summary>
    /// The book's frames cannot be checked (the detail says why, e.g. no pair precision for the checksum):
    /// the book is kept but marked unverified and is not served as good until a check verifies it again.
    /// </summary>
    Unverified,

    /// <summary>
    /// Book frames arrived for a symbol the deployment did not subscribe: no book is kept for it, the frames are
    /// counted and dropped (reported once per symbol, for a bounded number of symbols).
    /// </summary>
    UnsubscribedSymbol,
}

/// <summary>
/// A data-quality signal. The seed had none; without them a consumer cannot tell a quiet market from a
/// broken feed, so every check the host or a plugin makes reports here.
/// </summary>
public sealed record DataQualityEvent : MarketEvent
{
    /// <summary>The instrument concerned, or null for connection-wide events (a malformed frame).</summary>
    public Symbol? Symbol { get; init; }

    /// <summary>What happened.</summary>
    public required DataQualityKind Kind { get; init; }

    /// <summary>A human-readable explanation (expected vs. actual checksum, the skipped range, ...).</summary>
    public required string Detail { get; init; }
}
