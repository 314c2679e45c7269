namespace Fluxum.Sdk.MarketData;

/// <summary>
/// The base of every normalized event. Each carries the venue it came from, the exchange's own timestamp
/// when the venue sends one, and the local time the frame was received, so latency and clock skew are
/// always measurable.
/// </summary>
public abstract record MarketEvent
{
    /// <summary>The venue name as configured in <c>fluxum.yaml</c> (e.g. <c>acme</c>).</summary>
    public required string Venue { get; init; }

    /// <summary>The exchange's timestamp for the event; null when the venue sends none.</summary>
    public DateTimeOffset? ExchangeTime { get; init; }

    /// <summary>When the frame carrying this event was received locally.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>An event about one instrument.</summary>
public abstract record SymbolEvent : MarketEvent
{
    /// <summary>The canonical instrument.</summary>
    public required Symbol Symbol { get; init; }
}
