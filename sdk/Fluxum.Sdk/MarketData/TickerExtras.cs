namespace Fluxum.Sdk.MarketData;

/// <summary>
/// Optional 24-hour statistics of a ticker. The seed listed these as a variant list; typed nullable
/// properties say the same thing without a search through a list.
/// </summary>
public sealed record TickerExtras
{
    /// <summary>No statistics.</summary>
    public static TickerExtras None { get; } = new();

    /// <summary>Volume over 24 hours, in the base asset.</summary>
    public decimal? Volume24h { get; init; }

    /// <summary>Volume-weighted average price over 24 hours.</summary>
    public decimal? Vwap24h { get; init; }

    /// <summary>Highest price over 24 hours.</summary>
    public decimal? High24h { get; init; }

    /// <summary>Lowest price over 24 hours.</summary>
    public decimal? Low24h { get; init; }

    /// <summary>Price 24 hours ago (or at the venue's day open).</summary>
    public decimal? Open24h { get; init; }

    /// <summary>Number of trades over 24 hours.</summary>
    public long? TradeCount24h { get; init; }

    /// <summary>Absolute price change over 24 hours.</summary>
    public decimal? Change24h { get; init; }

    /// <summary>Price change over 24 hours, in percent.</summary>
    public decimal? ChangePercent24h { get; init; }
}
