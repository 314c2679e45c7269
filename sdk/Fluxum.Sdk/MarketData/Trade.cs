namespace Fluxum.Sdk.MarketData;

/// <summary>One execution on the venue.</summary>
public sealed record Trade : SymbolEvent
{
    /// <summary>Execution price.</summary>
    public required decimal Price { get; init; }

    /// <summary>Executed size in the base asset.</summary>
    public required decimal Size { get; init; }

    /// <summary>The taker's side.</summary>
    public required Side TakerSide { get; init; }

    /// <summary>The venue's trade id, when it sends one.</summary>
    public string? TradeId { get; init; }
}
