using System.Globalization;

namespace Fluxum.Sdk.MarketData;

/// <summary>
/// The value rules every normalized event obeys, whatever the venue: prices positive, sizes and volumes
/// non-negative (a trade's size positive), sides known, symbols set. The host checks each event a protocol
/// publishes and treats a violation as a malformed frame (counted, reported, not published); a plugin can
/// check its own output with it in tests.
/// </summary>
public static class EventRules
{
    /// <summary>What is wrong with <paramref name="marketEvent"/>, or null when it obeys the rules.</summary>
    public static string? Violation(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        if (marketEvent is SymbolEvent { Symbol.IsEmpty: true })
        {
            return $"{Kind(marketEvent)} names no symbol";
        }

        return marketEvent switch
        {
            Trade trade => TradeViolation(trade),
            Ticker ticker => TickerViolation(ticker),
            Ohlc candle => CandleViolation(candle),
            _ => null,
        };
    }

    private static string? TradeViolation(Trade trade)
    {
        if (trade.Price <= 0m)
        {
            return Describe(trade, "price", trade.Price, "must be positive");
        }

        if (trade.Size <= 0m)
        {
            return Describe(trade, "size", trade.Size, "must be positive");
        }

        return (uint)trade.TakerSide > (uint)Side.Sell ? $"trade {trade.Symbol}: unknown taker side {(int)trade.TakerSide}" : null;
    }

    private static string? TickerViolation(Ticker ticker) =>
        ticker.Bid <= 0m ? Describe(ticker, "bid", ticker.Bid, "must be positive")
        : ticker.Ask <= 0m ? Describe(ticker, "ask", ticker.Ask, "must be positive")
        : ticker.BidSize < 0m ? Describe(ticker, "bid size", ticker.BidSize, "must not be negative")
        : ticker.AskSize < 0m ? Describe(ticker, "ask size", ticker.AskSize, "must not be negative")
        : ticker.Last is { } last && last <= 0m ? Describe(ticker, "last price", last, "must be positive")
        : ticker.LastSize is { } lastSize && lastSize < 0m ? Describe(ticker, "last size", lastSize, "must not be negative")
        : ticker.Extras.Volume24h is { } volume && volume < 0m ? Describe(ticker, "24h volume", volume, "must not be negative")
        : null;

    private static string? CandleViolation(Ohlc candle)
    {
        if (candle.Open <= 0m || candle.High <= 0m || candle.Low <= 0m || candle.Close <= 0m)
        {
            return $"candle {candle.Symbol}: prices must be positive (open {Text(candle.Open)}, high {Text(candle.High)}, low {Text(candle.Low)}, close {Text(candle.Close)})";
        }

        if (candle.Low > candle.High)
        {
            return $"candle {candle.Symbol}: low {Text(candle.Low)} is above high {Text(candle.High)}";
        }

        if (candle.Volume < 0m)
        {
            return Describe(candle, "volume", candle.Volume, "must not be negative");
        }

        return candle.TradeCount is < 0 ? $"candle {candle.Symbol}: trade count {candle.TradeCount} must not be negative" : null;
    }

    private static string Describe(SymbolEvent marketEvent, string field, decimal value, string rule) =>
        $"{Kind(marketEvent)} {marketEvent.Symbol}: {field} {Text(value)} {rule}";

    private static string Kind(MarketEvent marketEvent) => marketEvent switch
    {
        Trade => "trade",
        Ticker => "ticker",
        Ohlc => "candle",
        _ => marketEvent.GetType().Name,
    };

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
