using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Tests.MarketData;

public sealed class MarketChannelTests
{
    [Fact]
    public void Channels_CompareByKindAndParameters()
    {
        Assert.Equal(MarketChannel.Book(10), MarketChannel.Book(10));
        Assert.NotEqual(MarketChannel.Book(10), MarketChannel.Book(25));
        Assert.NotEqual(MarketChannel.Book(null), MarketChannel.Book(10));
        Assert.Equal(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), MarketChannel.Ohlc(TimeSpan.FromMinutes(1)));
        Assert.NotEqual(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), MarketChannel.Ohlc(TimeSpan.FromMinutes(5)));
        Assert.NotEqual(MarketChannel.Ticker, MarketChannel.Trades);
    }

    [Fact]
    public void Parameters_BelongOnlyToTheirKind()
    {
        Assert.True(MarketChannel.Book(10) is { Kind: ChannelKind.Book, Depth: 10, Interval.Ticks: 0 });
        Assert.True(MarketChannel.Ohlc(TimeSpan.FromHours(1)) is { Kind: ChannelKind.Ohlc, Depth: null });
        Assert.True(MarketChannel.Ledger is { Kind: ChannelKind.Ledger, Depth: null, Interval.Ticks: 0 });
    }

    [Theory]
    [InlineData("ticker")]
    [InlineData("trades")]
    [InlineData("ledger")]
    [InlineData("book")]
    [InlineData("book(25)")]
    [InlineData("ohlc(15m)")]
    public void ToString_IsTheConfiguredName(string expected)
    {
        var channel = expected switch
        {
            "ticker" => MarketChannel.Ticker,
            "trades" => MarketChannel.Trades,
            "ledger" => MarketChannel.Ledger,
            "book" => MarketChannel.Book(null),
            "book(25)" => MarketChannel.Book(25),
            _ => MarketChannel.Ohlc(TimeSpan.FromMinutes(15)),
        };

        Assert.Equal(expected, channel.ToString());
    }
}
