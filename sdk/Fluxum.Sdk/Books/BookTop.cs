namespace Fluxum.Sdk.Books;

/// <summary>The best bid and best ask of a good book.</summary>
/// <param name="Bid">Best bid.</param>
/// <param name="Ask">Best ask.</param>
public readonly record struct BookTop(BookLevel Bid, BookLevel Ask)
{
    /// <summary>Ask minus bid.</summary>
    public decimal Spread => Ask.Price - Bid.Price;

    /// <summary>Mean of bid and ask.</summary>
    public decimal Midpoint => (Ask.Price + Bid.Price) / 2m;
}
