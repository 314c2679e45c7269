using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Tests.Scripting.Support;

/// <summary>Builders for the events the tests feed.</summary>
internal static class MarketEvents
{
    public static readonly Symbol BtcUsd = Symbol.Parse("BTC/USD");
    public static readonly Symbol EthUsd = Symbol.Parse("ETH/USD");

    public static Ticker Ticker(string venue, Symbol symbol, decimal bid, decimal ask, decimal? last) => new()
    {
        Venue = venue,
        Symbol = symbol,
        Bid = bid,
        BidSize = 1m,
        Ask = ask,
        AskSize = 1m,
        Last = last,
        ReceivedAt = DateTimeOffset.UnixEpoch,
    };

    public static Trade Trade(string venue, decimal price, decimal size, DateTimeOffset at) => new()
    {
        Venue = venue,
        Symbol = BtcUsd,
        Price = price,
        Size = size,
        TakerSide = Side.Buy,
        ExchangeTime = at,
        ReceivedAt = at,
    };

    public static Ohlc Candle(string venue, DateTimeOffset start, decimal o, decimal h, decimal l, decimal c, decimal v, bool closed) => new()
    {
        Venue = venue,
        Symbol = BtcUsd,
        Interval = TimeSpan.FromMinutes(1),
        Start = start,
        Open = o,
        High = h,
        Low = l,
        Close = c,
        Volume = v,
        IsClosed = closed,
        ReceivedAt = start,
    };

    public static LevelChange Bid(decimal price, decimal size) => new(BookSide.Bid, price, size);

    public static LevelChange Ask(decimal price, decimal size) => new(BookSide.Ask, price, size);
}
