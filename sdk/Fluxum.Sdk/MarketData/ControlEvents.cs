namespace Fluxum.Sdk.MarketData;

/// <summary>The venue acknowledged (or refused) a subscription for one channel and symbol.</summary>
public sealed record SubscriptionAck : MarketEvent
{
    /// <summary>The channel acknowledged.</summary>
    public required MarketChannel Channel { get; init; }

    /// <summary>The symbol acknowledged, when the ack is per symbol.</summary>
    public Symbol? Symbol { get; init; }

    /// <summary>True for a subscribe ack, false for an unsubscribe ack.</summary>
    public bool IsSubscribe { get; init; } = true;

    /// <summary>True when the venue accepted the request.</summary>
    public required bool Success { get; init; }

    /// <summary>The venue's error text when it refused.</summary>
    public string? Error { get; init; }
}

/// <summary>A keep-alive from the venue (heartbeat or pong). Resets the connection watchdog.</summary>
public sealed record Heartbeat : MarketEvent;

/// <summary>The venue's system status (online, maintenance, cancel_only, ...).</summary>
public sealed record VenueStatus : MarketEvent
{
    /// <summary>The venue's status word.</summary>
    public required string Status { get; init; }

    /// <summary>True when market data can be expected.</summary>
    public bool IsOnline { get; init; }
}

/// <summary>The venue reported an error, or sent something the plugin could not understand.</summary>
public sealed record VenueError : MarketEvent
{
    /// <summary>The venue's error code, when it has one.</summary>
    public string? Code { get; init; }

    /// <summary>What went wrong, in words; never contains a secret.</summary>
    public required string Message { get; init; }

    /// <summary>The symbol concerned, when known.</summary>
    public Symbol? Symbol { get; init; }
}

/// <summary>Trading rules of one instrument, as the venue publishes them.</summary>
public sealed record InstrumentInfo : SymbolEvent
{
    /// <summary>The venue's own name for the instrument.</summary>
    public required string VenueSymbol { get; init; }

    /// <summary>Decimals in prices.</summary>
    public int? PricePrecision { get; init; }

    /// <summary>Decimals in sizes.</summary>
    public int? SizePrecision { get; init; }

    /// <summary>The venue's status word for the instrument.</summary>
    public string? Status { get; init; }
}

/// <summary>One raw frame as received, for debugging, recording and custom handling.</summary>
public sealed record RawFrame : MarketEvent
{
    /// <summary>The frame's bytes (a private copy).</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The frame as UTF-8 text.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Payload.Span);
}
