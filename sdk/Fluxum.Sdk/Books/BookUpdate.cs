using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <summary>What a level update did to the book.</summary>
public enum BookAction
{
    /// <summary>A new price level appeared.</summary>
    Add,

    /// <summary>An existing level's size changed.</summary>
    Update,

    /// <summary>A level was removed.</summary>
    Remove,
}

/// <summary>One change to one level, as applied to the local book.</summary>
public sealed record BookUpdate : SymbolEvent
{
    /// <summary>The side changed.</summary>
    public required BookSide Side { get; init; }

    /// <summary>What happened to the level.</summary>
    public required BookAction Action { get; init; }

    /// <summary>The level after the change (size 0 for a removal).</summary>
    public required BookLevel Level { get; init; }
}
