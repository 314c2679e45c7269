namespace Fluxum.Sdk.MarketData;

/// <summary>Best bid and offer with the last trade, plus the 24-hour statistics a venue provides.</summary>
/// <remarks>
/// The seed made the last size mandatory; some venues' tickers carry no last-trade size and a ticker
/// derived from a book may have seen no trade yet, so <see cref="LastSize"/> is nullable rather than a
/// made-up zero.
/// </remarks>
public sealed record Ticker : SymbolEvent
{
    /// <summary>Best bid price.</summary>
    public required decimal Bid { get; init; }

    /// <summary>Size at the best bid.</summary>
    public required decimal BidSize { get; init; }

    /// <summary>Best ask price.</summary>
    public required decimal Ask { get; init; }

    /// <summary>Size at the best ask.</summary>
    public required decimal AskSize { get; init; }

    /// <summary>Last traded price; null when no trade is known yet.</summary>
    public decimal? Last { get; init; }

    /// <summary>Last traded size; null when the venue does not send it.</summary>
    public decimal? LastSize { get; init; }

    /// <summary>Venue statistics; every field is null when the venue does not provide it.</summary>
    public TickerExtras Extras { get; init; } = TickerExtras.None;

    /// <summary>Bid-ask spread.</summary>
    public decimal Spread => Ask - Bid;

    /// <summary>Mid price.</summary>
    public decimal Mid => (Ask + Bid) / 2m;
}
