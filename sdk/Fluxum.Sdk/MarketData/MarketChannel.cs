namespace Fluxum.Sdk.MarketData;

/// <summary>The kinds of stream a venue can be asked for.</summary>
public enum ChannelKind
{
    /// <summary>Best bid/offer and last trade.</summary>
    Ticker,

    /// <summary>Executions.</summary>
    Trades,

    /// <summary>Candles of one interval.</summary>
    Ohlc,

    /// <summary>Level-2 order book.</summary>
    Book,

    /// <summary>The account's ledger (balance changes); needs credentials.</summary>
    Ledger,
}

/// <summary>
/// A stream of one kind with its parameters: a book's depth, a candle's interval. Records compare by value; match
/// with property patterns: <c>channel is { Kind: ChannelKind.Book, Depth: { } depth }</c>.
/// </summary>
public sealed record MarketChannel
{
    private MarketChannel(ChannelKind kind, int? depth, TimeSpan interval)
    {
        Kind = kind;
        Depth = depth;
        Interval = interval;
    }

    /// <summary>The ticker channel.</summary>
    public static MarketChannel Ticker { get; } = new(ChannelKind.Ticker, null, TimeSpan.Zero);

    /// <summary>The trades channel.</summary>
    public static MarketChannel Trades { get; } = new(ChannelKind.Trades, null, TimeSpan.Zero);

    /// <summary>The account ledger channel.</summary>
    public static MarketChannel Ledger { get; } = new(ChannelKind.Ledger, null, TimeSpan.Zero);

    /// <summary>What kind of stream this is.</summary>
    public ChannelKind Kind { get; }

    /// <summary>A book's levels per side; null for the venue's full book and for every other kind.</summary>
    public int? Depth { get; }

    /// <summary>A candle's length; zero for every other kind.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Candles of the given interval.</summary>
    public static MarketChannel Ohlc(TimeSpan interval) => new(ChannelKind.Ohlc, null, interval);

    /// <summary>A book kept to <paramref name="depth"/> levels per side (null: the venue's full book).</summary>
    public static MarketChannel Book(int? depth) => new(ChannelKind.Book, depth, TimeSpan.Zero);

    /// <summary>The channel as configured: <c>ticker</c>, <c>trades</c>, <c>ledger</c>, <c>ohlc(1m)</c>, <c>book(10)</c> or <c>book</c>.</summary>
    public override string ToString() => Kind switch
    {
        ChannelKind.Ticker => "ticker",
        ChannelKind.Trades => "trades",
        ChannelKind.Ledger => "ledger",
        ChannelKind.Ohlc => $"ohlc({Intervals.Format(Interval)})",
        _ => Depth is { } d ? $"book({d})" : "book",
    };
}
