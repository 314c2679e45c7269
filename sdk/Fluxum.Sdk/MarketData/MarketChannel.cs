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

/// <summary>A stream of one kind with its parameters. Records compare by value.</summary>
public abstract record MarketChannel
{
    private protected MarketChannel()
    {
    }

    /// <summary>The ticker channel.</summary>
    public static MarketChannel Ticker { get; } = new TickerChannel();

    /// <summary>The trades channel.</summary>
    public static MarketChannel Trades { get; } = new TradesChannel();

    /// <summary>The account ledger channel.</summary>
    public static MarketChannel Ledger { get; } = new LedgerChannel();

    /// <summary>What kind of stream this is.</summary>
    public abstract ChannelKind Kind { get; }

    /// <summary>Candles of the given interval.</summary>
    public static MarketChannel Ohlc(TimeSpan interval) => new OhlcChannel(interval);

    /// <summary>A book kept to <paramref name="depth"/> levels per side (null: the venue's full book).</summary>
    public static MarketChannel Book(int? depth) => new BookChannel(depth);

    /// <summary>Ticker channel.</summary>
    public sealed record TickerChannel : MarketChannel
    {
        /// <inheritdoc />
        public override ChannelKind Kind => ChannelKind.Ticker;

        /// <inheritdoc />
        public override string ToString() => "ticker";
    }

    /// <summary>Trades channel.</summary>
    public sealed record TradesChannel : MarketChannel
    {
        /// <inheritdoc />
        public override ChannelKind Kind => ChannelKind.Trades;

        /// <inheritdoc />
        public override string ToString() => "trades";
    }

    /// <summary>Ledger channel.</summary>
    public sealed record LedgerChannel : MarketChannel
    {
        /// <inheritdoc />
        public override ChannelKind Kind => ChannelKind.Ledger;

        /// <inheritdoc />
        public override string ToString() => "ledger";
    }

    /// <summary>Candles channel.</summary>
    /// <param name="Interval">Candle length.</param>
    public sealed record OhlcChannel(TimeSpan Interval) : MarketChannel
    {
        /// <inheritdoc />
        public override ChannelKind Kind => ChannelKind.Ohlc;

        /// <inheritdoc />
        public override string ToString() => $"ohlc({Intervals.Format(Interval)})";
    }

    /// <summary>Book channel.</summary>
    /// <param name="Depth">Levels per side; null for the full book.</param>
    public sealed record BookChannel(int? Depth) : MarketChannel
    {
        /// <inheritdoc />
        public override ChannelKind Kind => ChannelKind.Book;

        /// <inheritdoc />
        public override string ToString() => Depth is { } d ? $"book({d})" : "book";
    }
}
