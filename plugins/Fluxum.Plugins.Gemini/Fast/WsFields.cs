namespace Fluxum.Plugins.Gemini.Fast;

/// <summary>The fields of one new-API frame, collected in one pass before routing.</summary>
internal struct WsFields
{
    public WsEvent Event;
    public long? EventTime;
    public int Slot;
    public bool HasSymbol;
    public long? First;
    public long? Last;
    public long? TradeId;
    public decimal? Price;
    public decimal? Quantity;
    public bool BuyerIsMaker;
    public bool HasMaker;
    public decimal? Bid;
    public decimal? BidSize;
    public decimal? Ask;
    public decimal? AskSize;
    public decimal? LastPrice;
    public decimal? LastSize;
    public bool HasLevels;
    public bool HasBookTicker;
    public bool HasId;
    public long? Id;
    public int? Status;
    public string? ErrorCode;
    public string? ErrorMessage;
}

/// <summary>The <c>e</c> discriminator.</summary>
internal enum WsEvent
{
    None,
    Depth,
    Trade,
    Balance,
    Order,
    Other,
}
