using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Testing.Time;

namespace Fluxum.Sdk.Testing.Builders;

/// <summary>
/// Builders for every event type with sensible defaults (venue <c>test</c>, <c>BTC/USD</c>, received at
/// <see cref="TestClock.Start"/>). Pass only what the test is about; use <c>with</c> for anything else.
/// </summary>
public static partial class TestEvents
{
    /// <summary>The default venue name.</summary>
    public const string Venue = "test";

    /// <summary>The default symbol, <c>BTC/USD</c>.</summary>
    public static Symbol Symbol { get; } = new("BTC", "USD");

    /// <summary>A ticker 100 × 1 / 101 × 2 with last 100.5.</summary>
    public static Ticker Ticker(Symbol? symbol = null, decimal bid = 100m, decimal ask = 101m, decimal bidSize = 1m, decimal askSize = 2m, decimal? last = 100.5m, DateTimeOffset? receivedAt = null) => new()
    {
        Venue = Venue,
        Symbol = symbol ?? Symbol,
        Bid = bid,
        BidSize = bidSize,
        Ask = ask,
        AskSize = askSize,
        Last = last,
        ReceivedAt = receivedAt ?? TestClock.Start,
    };

    /// <summary>A buy of 0.5 at 100.</summary>
    public static Trade Trade(Symbol? symbol = null, decimal price = 100m, decimal size = 0.5m, Side takerSide = Side.Buy, string? tradeId = "1", DateTimeOffset? receivedAt = null) => new()
    {
        Venue = Venue,
        Symbol = symbol ?? Symbol,
        Price = price,
        Size = size,
        TakerSide = takerSide,
        TradeId = tradeId,
        ReceivedAt = receivedAt ?? TestClock.Start,
    };

    /// <summary>A one-minute candle starting at <see cref="TestClock.Start"/>: 100/105/99/104, volume 10, open.</summary>
    public static Ohlc Ohlc(Symbol? symbol = null, TimeSpan? interval = null, DateTimeOffset? start = null, decimal open = 100m, decimal high = 105m, decimal low = 99m, decimal close = 104m, decimal volume = 10m, bool isClosed = false, DateTimeOffset? receivedAt = null) => new()
    {
        Venue = Venue,
        Symbol = symbol ?? Symbol,
        Interval = interval ?? TimeSpan.FromMinutes(1),
        Start = start ?? TestClock.Start,
        Open = open,
        High = high,
        Low = low,
        Close = close,
        Volume = volume,
        IsClosed = isClosed,
        ReceivedAt = receivedAt ?? TestClock.Start,
    };

    /// <summary>A data-quality event for the default symbol (a gap unless told otherwise).</summary>
    public static DataQualityEvent DataQuality(DataQualityKind kind = DataQualityKind.Gap, string detail = "test", Symbol? symbol = null, DateTimeOffset? receivedAt = null) => new()
    {
        Venue = Venue,
        Symbol = symbol ?? Symbol,
        Kind = kind,
        Detail = detail,
        ReceivedAt = receivedAt ?? TestClock.Start,
    };
}
