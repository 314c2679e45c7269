using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Tests.MarketData;

public sealed class SubscriptionTests
{
    private static readonly Symbol Btc = Symbol.Parse("BTC/USD");
    private static readonly Symbol Eth = Symbol.Parse("ETH/USD");

    [Fact]
    public void Equals_SameChannelAndSymbols_AreEqualAndHashAlike()
    {
        var a = new Subscription(MarketChannel.Book(10), Btc, Eth);
        var b = new Subscription(MarketChannel.Book(10), [Btc, Eth, Btc]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal([Btc, Eth], b.Symbols);
    }

    [Fact]
    public void Equals_DifferentParametersOrSymbols_AreNotEqual()
    {
        var book10 = new Subscription(MarketChannel.Book(10), Btc);

        Assert.NotEqual(book10, new Subscription(MarketChannel.Book(25), Btc));
        Assert.NotEqual(book10, new Subscription(MarketChannel.Book(null), Btc));
        Assert.NotEqual(book10, new Subscription(MarketChannel.Book(10), Eth));
        Assert.NotEqual(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), Btc), new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(5)), Btc));
        Assert.Equal(new Subscription(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), Btc), new Subscription(MarketChannel.Ohlc(TimeSpan.FromSeconds(60)), Btc));
    }

    [Fact]
    public void Keys_OnePerSymbolOrOneForSymbolLessChannel()
    {
        Assert.Equal(
            [new SubscriptionKey(MarketChannel.Trades, Btc), new SubscriptionKey(MarketChannel.Trades, Eth)],
            new Subscription(MarketChannel.Trades, Btc, Eth).Keys);
        Assert.Equal([new SubscriptionKey(MarketChannel.Ledger, null)], new Subscription(MarketChannel.Ledger).Keys);
    }

    [Fact]
    public void ToString_NamesChannelAndSymbols()
    {
        Assert.Equal("book(10) [BTC/USD, ETH/USD]", new Subscription(MarketChannel.Book(10), Btc, Eth).ToString());
        Assert.Equal("ohlc(1m) BTC/USD", new SubscriptionKey(MarketChannel.Ohlc(TimeSpan.FromMinutes(1)), Btc).ToString());
    }
}
