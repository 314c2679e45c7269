using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Publishing;

/// <summary>What one published message is.</summary>
internal enum WireKind
{
    /// <summary>A trade.</summary>
    Trade,

    /// <summary>A ticker.</summary>
    Ticker,

    /// <summary>A candle.</summary>
    Ohlc,

    /// <summary>A data-quality event (stale, resynced, gap, checksum mismatch, ...).</summary>
    Quality,

    /// <summary>One applied book frame's level changes, with the book's next sequence.</summary>
    Book,

    /// <summary>A whole book, with the book's next sequence.</summary>
    Snapshot,
}

/// <summary>
/// One message on its way from a venue's feed to the NATS writer: made on the socket path (no serialization
/// there), serialized by the writer. Book messages carry the per-book sequence they were given when queued.
/// </summary>
internal sealed class Outgoing
{
    /// <summary>The kind.</summary>
    public required WireKind Kind { get; init; }

    /// <summary>The venue.</summary>
    public required string Venue { get; init; }

    /// <summary>The instrument, or null for a venue-wide quality event.</summary>
    public Symbol? Symbol { get; init; }

    /// <summary>The event (trade, ticker, candle, quality).</summary>
    public MarketEvent? Event { get; init; }

    /// <summary>The per-book sequence (book and snapshot messages).</summary>
    public long Sequence { get; init; }

    /// <summary>The frame's level changes as applied (book messages).</summary>
    public LevelChange[]? Changes { get; init; }

    /// <summary>The whole book (snapshot messages).</summary>
    public BookSnapshot? Snapshot { get; init; }

    /// <summary>When the source received what this message says.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The venue's time, when it sent one.</summary>
    public DateTimeOffset? ExchangeTime { get; init; }

    /// <summary>The book's publishing state (book and snapshot messages), so a lost one asks for a snapshot.</summary>
    internal BookTapState? Book { get; init; }
}
