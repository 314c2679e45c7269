using Fluxum.Sdk.MarketData;

namespace Fluxum.Plugins.Gemini.Fast;

/// <summary>What one connection wants and knows of one symbol on the new WebSocket API.</summary>
internal struct WsSlot
{
    public bool Book;
    public bool Trades;
    public bool Ticker;
    public DepthState Depth;
}

/// <summary>Where a symbol's differential depth stream stands (gemini_ws_new.md §6.2).</summary>
internal enum DepthState
{
    None,

    /// <summary>SUBSCRIBE sent (the snapshot can precede the ack): the next depthUpdate is the snapshot.</summary>
    AwaitingSnapshot,

    /// <summary>Resync: UNSUBSCRIBE sent; frames until its ack belong to the old subscription.</summary>
    Resyncing,

    Live,
}

/// <summary>A request awaiting its response, by request id.</summary>
internal sealed record PendingRequest(string Method, MarketChannel? Channel, IReadOnlyList<Fluxum.Sdk.Symbol> Symbols, int ResyncSlot = -1);
