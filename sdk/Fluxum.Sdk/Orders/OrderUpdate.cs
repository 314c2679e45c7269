using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Orders;

/// <summary>
/// A change to one of the account's orders, from a venue's authenticated stream. Fluxum does not place
/// orders; it reports them beside the ledger so a script sees fills as they happen. Fields the venue
/// leaves out are null.
/// </summary>
public sealed record OrderUpdate : SymbolEvent
{
    /// <summary>The venue's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The id the account gave the order, if any.</summary>
    public string? ClientOrderId { get; init; }

    /// <summary>The unified status.</summary>
    public required OrderStatus Status { get; init; }

    /// <summary>The venue's own status word.</summary>
    public required string VenueStatus { get; init; }

    /// <summary>Buy or sell.</summary>
    public Side? Side { get; init; }

    /// <summary>The venue's order type (LIMIT, MARKET, ...).</summary>
    public string? OrderType { get; init; }

    /// <summary>Limit price.</summary>
    public decimal? Price { get; init; }

    /// <summary>Original quantity.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>Quantity still open.</summary>
    public decimal? Remaining { get; init; }

    /// <summary>Executed quantity as the venue reports it (last fill, or cumulative on other events).</summary>
    public decimal? Executed { get; init; }

    /// <summary>Price of the last execution.</summary>
    public decimal? LastPrice { get; init; }

    /// <summary>Fee of the last execution.</summary>
    public decimal? Fee { get; init; }

    /// <summary>Why it was rejected or cancelled.</summary>
    public string? Reason { get; init; }
}
