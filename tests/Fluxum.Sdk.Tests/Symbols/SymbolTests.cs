using Fluxum.Sdk;

namespace Fluxum.Sdk.Tests.Symbols;

public sealed class SymbolTests
{
    [Theory]
    [InlineData("BTC/USD", "BTC", "USD")]
    [InlineData("btc/usd", "BTC", "USD")]
    [InlineData(" eth / usdt ", "ETH", "USDT")]
    public void Parse_ValidText_SplitsBaseAndQuote(string text, string @base, string quote)
    {
        var symbol = Symbol.Parse(text);

        Assert.Equal(@base, symbol.Base);
        Assert.Equal(quote, symbol.Quote);
        Assert.Equal($"{@base}/{quote}", symbol.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("BTCUSD")]
    [InlineData("/USD")]
    [InlineData("BTC/")]
    [InlineData("BTC/USD/EUR")]
    [InlineData("BT C/USD")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(Symbol.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Symbol.Parse(text));
        Assert.Contains("BASE/QUOTE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_SameCanonicalName_AreEqualAndHashAlike()
    {
        var a = Symbol.Parse("btc/usd");
        var b = new Symbol("BTC", "USD");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Symbol.Parse("ETH/USD"));
    }
}
