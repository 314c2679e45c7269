using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Tests.MarketData;

public sealed class EventRulesTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    [Theory]
    [InlineData(-63500, 5, "trade BTC/USD: price -63500 must be positive")]
    [InlineData(0, 5, "trade BTC/USD: price 0 must be positive")]
    [InlineData(63500, -5, "trade BTC/USD: size -5 must be positive")]
    [InlineData(63500, 0, "trade BTC/USD: size 0 must be positive")]
    [InlineData(63500, 5, null)]
    public void Violation_Trade_PricePositiveSizePositive(double price, double size, string? expected)
    {
        var trade = new Trade { Venue = "v", Symbol = Btc, Price = (decimal)price, Size = (decimal)size, TakerSide = Side.Buy, ReceivedAt = At };

        Assert.Equal(expected, EventRules.Violation(trade));
    }

    [Fact]
    public void Violation_TradeWithUndefinedSide_IsReported()
    {
        var trade = new Trade { Venue = "v", Symbol = Btc, Price = 1m, Size = 1m, TakerSide = (Side)7, ReceivedAt = At };

        Assert.Equal("trade BTC/USD: unknown taker side 7", EventRules.Violation(trade));
    }

    [Theory]
    [InlineData(-1, 1, 2, 1, "ticker BTC/USD: bid -1 must be positive")]
    [InlineData(1, 1, -2, 1, "ticker BTC/USD: ask -2 must be positive")]
    [InlineData(1, -1, 2, 1, "ticker BTC/USD: bid size -1 must not be negative")]
    [InlineData(1, 1, 2, -1, "ticker BTC/USD: ask size -1 must not be negative")]
    [InlineData(1, 0, 2, 0, null)]
    public void Violation_Ticker_PricesPositiveSizesNonNegative(double bid, double bidSize, double ask, double askSize, string? expected)
    {
        var ticker = new Ticker { Venue = "v", Symbol = Btc, Bid = (decimal)bid, BidSize = (decimal)bidSize, Ask = (decimal)ask, AskSize = (decimal)askSize, ReceivedAt = At };

        Assert.Equal(expected, EventRules.Violation(ticker));
    }

    [Fact]
    public void Violation_TickerNegativeLast_IsReported()
    {
        var ticker = new Ticker { Venue = "v", Symbol = Btc, Bid = 1m, BidSize = 1m, Ask = 2m, AskSize = 1m, Last = -3m, ReceivedAt = At };

        Assert.Equal("ticker BTC/USD: last price -3 must be positive", EventRules.Violation(ticker));
    }

    [Fact]
    public void Violation_CandleLowAboveHigh_IsReported()
    {
        var candle = new Ohlc { Venue = "v", Symbol = Btc, Interval = TimeSpan.FromMinutes(1), Start = At, Open = 5m, High = 4m, Low = 6m, Close = 5m, Volume = 1m, ReceivedAt = At };

        Assert.Equal("candle BTC/USD: low 6 is above high 4", EventRules.Violation(candle));
    }

    [Fact]
    public void Violation_CandleNegativeVolume_IsReported()
    {
        var candle = new Ohlc { Venue = "v", Symbol = Btc, Interval = TimeSpan.FromMinutes(1), Start = At, Open = 5m, High = 6m, Low = 4m, Close = 5m, Volume = -1m, ReceivedAt = At };

        Assert.Equal("candle BTC/USD: volume -1 must not be negative", EventRules.Violation(candle));
    }

    [Fact]
    public void Violation_EventWithoutSymbol_IsReported()
    {
        var trade = new Trade { Venue = "v", Symbol = default, Price = 1m, Size = 1m, TakerSide = Side.Buy, ReceivedAt = At };

        Assert.Equal("trade names no symbol", EventRules.Violation(trade));
    }
}
