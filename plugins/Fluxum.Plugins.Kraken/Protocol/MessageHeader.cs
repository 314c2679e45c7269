namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>The v2 channels the decoder knows.</summary>
internal enum ChannelName
{
    None,
    Unknown,
    Book,
    Heartbeat,
    Trade,
    Ticker,
    Ohlc,
    Status,
    Instrument,
    Balances,

    /// <summary>The data was decoded while reading the message (book in the usual field order).</summary>
    Done,
}

/// <summary>The v2 request methods whose responses the decoder reads.</summary>
internal enum MethodKind
{
    None,
    Subscribe,
    Unsubscribe,
    Pong,
    Other,
}

/// <summary>The top-level fields of one v2 message (data and result are read afterwards).</summary>
internal struct MessageHeader
{
    public ChannelName Channel;
    public MethodKind Method;
    public bool IsSnapshot;
    public bool HasType;
    public bool Success;
    public string? Error;
    public string? Symbol;
    public long? RequestId;
    public DateTimeOffset? Time;
}

/// <summary>What a frame being decoded was seen to be, for the report when it breaks mid-way.</summary>
internal enum FrameKind
{
    /// <summary>Nothing read yet that tells: it may have been a book message.</summary>
    Unknown,

    /// <summary>A book message (or a channel name that may be a damaged "book").</summary>
    MaybeBook,

    /// <summary>A message of another channel, or a response.</summary>
    Other,
}
