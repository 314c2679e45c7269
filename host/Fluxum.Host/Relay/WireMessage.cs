using Fluxum.Host.Publishing;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Relay;

/// <summary>One published message as a relay read it back (see <see cref="WireWriter"/> for the schema).</summary>
internal sealed class WireMessage
{
    /// <summary>The kind.</summary>
    public required WireKind Kind { get; init; }

    /// <summary>The source's venue name.</summary>
    public required string Venue { get; init; }

    /// <summary>The instrument, or null for a venue-wide quality event.</summary>
    public Symbol? Symbol { get; init; }

    /// <summary>The per-book sequence (book and snapshot messages).</summary>
    public long Sequence { get; init; }

    /// <summary>When the source received it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The venue's time, when sent.</summary>
    public DateTimeOffset? ExchangeTime { get; init; }

    /// <summary>A book message's changes; a snapshot's levels (bids, then asks) as changes.</summary>
    public LevelChange[] Changes { get; init; } = [];

    /// <summary>A snapshot's depth (null: full book).</summary>
    public int? Depth { get; init; }

    /// <summary>True when the source's book was not good when the snapshot was taken.</summary>
    public bool Stale { get; init; }

    /// <summary>Why the source's book was unverified, or null.</summary>
    public string? Unverified { get; init; }

    /// <summary>The event (trade, ticker, candle, quality), with this deployment's venue name.</summary>
    public MarketEvent? Event { get; init; }
}

/// <summary>A payload that is not a schema-1 message (the message says which field).</summary>
internal sealed class WireFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WireFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WireFormatException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
