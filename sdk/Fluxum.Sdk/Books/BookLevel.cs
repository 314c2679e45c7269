namespace Fluxum.Sdk.Books;

/// <summary>One price level of a book.</summary>
/// <param name="Price">The level's price.</param>
/// <param name="Size">The total size resting at that price.</param>
/// <param name="OrderCount">How many orders make up the level, when the venue says (most do not).</param>
public readonly record struct BookLevel(decimal Price, decimal Size, int? OrderCount = null);
