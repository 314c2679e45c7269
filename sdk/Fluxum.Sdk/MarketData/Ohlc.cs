namespace Fluxum.Sdk.MarketData;

/// <summary>A candle. Venues send the forming candle repeatedly; <see cref="IsClosed"/> tells the final one.</summary>
public sealed record Ohlc : SymbolEvent
{
    /// <summary>Candle length.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>Start of the interval (inclusive).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End of the interval (exclusive).</summary>
    public DateTimeOffset End => Start + Interval;

    /// <summary>First price.</summary>
    public required decimal Open { get; init; }

    /// <summary>Highest price.</summary>
    public required decimal High { get; init; }

    /// <summary>Lowest price.</summary>
    public required decimal Low { get; init; }

    /// <summary>Last price.</summary>
    public required decimal Close { get; init; }

    /// <summary>Volume in the base asset.</summary>
    public required decimal Volume { get; init; }

    /// <summary>Volume-weighted average price, when the venue sends it.</summary>
    public decimal? Vwap { get; init; }

    /// <summary>Number of trades, when the venue sends it.</summary>
    public long? TradeCount { get; init; }

    /// <summary>True when the interval has ended and the candle will not change again.</summary>
    public bool IsClosed { get; init; }
}
