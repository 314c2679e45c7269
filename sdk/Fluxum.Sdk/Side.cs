namespace Fluxum.Sdk;

/// <summary>The side of a trade: the side of the taker (the order that crossed the spread).</summary>
public enum Side
{
    /// <summary>The taker bought (lifted an ask).</summary>
    Buy,

    /// <summary>The taker sold (hit a bid).</summary>
    Sell,
}

/// <summary>The side of an order book.</summary>
public enum BookSide
{
    /// <summary>Buy orders, best (highest) price first.</summary>
    Bid,

    /// <summary>Sell orders, best (lowest) price first.</summary>
    Ask,
}
