namespace Fluxum.Plugins.Gemini.V2;

/// <summary>What one connection wants and knows of one symbol on market data v2.</summary>
internal struct V2Slot
{
    /// <summary>Channels riding on the symbol's <c>l2</c> subscription (book, trades, ticker).</summary>
    public L2Wants Wants;

    /// <summary>Bit i set: <see cref="V2Feeds.Candles"/>[i] is subscribed.</summary>
    public int CandleMask;

    public L2State State;

    /// <summary>The symbol's l2 was unsubscribed earlier on this connection: late frames may still come.</summary>
    public bool WasUnsubscribed;

    /// <summary>The newest trade event id published, so a re-sent initial message's 50 trades are not repeated.</summary>
    public long LastEventId;

    public TopOfBook? Top;
}

/// <summary>Channels carried by a v2 l2 subscription.</summary>
[Flags]
internal enum L2Wants
{
    None = 0,
    Book = 1,
    Trades = 2,
    Ticker = 4,
}

/// <summary>Where a symbol's l2 stream stands on this connection.</summary>
internal enum L2State
{
    /// <summary>Not subscribed.</summary>
    None,

    /// <summary>Subscribed on a connection that never carried it: the next l2_updates is the whole book.</summary>
    AwaitingInitial,

    /// <summary>Re-subscribed on the same connection: the initial message is the one carrying <c>trades</c>.</summary>
    AwaitingResubscribe,

    /// <summary>Snapshot received; later messages are changes.</summary>
    Live,
}
