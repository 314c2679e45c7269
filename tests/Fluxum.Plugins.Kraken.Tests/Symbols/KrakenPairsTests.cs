using System.Text.Json;
using Fluxum.Plugins.Kraken.Symbols;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Kraken.Tests.Symbols;

/// <summary>REST pair and asset names mapped to canonical symbols through the documented AssetPairs and Assets responses.</summary>
public sealed class KrakenPairsTests
{
    private static readonly KrakenPairs Pairs = Load();

    [Theory]
    [InlineData("XXBTZUSD")]
    [InlineData("XBTUSD")]
    [InlineData("XBT/USD")]
    [InlineData("xbtusd")]
    public void TryGet_AnyRestSpellingOfBitcoinDollar_IsBtcUsdWithItsDecimals(string restName)
    {
        Assert.True(Pairs.TryGet(restName, out var pair));

        Assert.Equal(Symbol.Parse("BTC/USD"), pair.Symbol);
        Assert.Equal("XXBTZUSD", pair.Key);
        Assert.Equal((1, 8), (pair.Precision.Price, pair.Precision.Quantity));
    }

    [Fact]
    public void TryGet_CanonicalSymbol_GivesTheRestPair()
    {
        Assert.True(Pairs.TryGet(Symbol.Parse("ETH/BTC"), out var pair));

        Assert.Equal(("XETHXXBT", "ETHXBT"), (pair.Key, pair.AltName));
        Assert.Equal((5, 8), (pair.Precision.Price, pair.Precision.Quantity));
    }

    [Fact]
    public void TryGet_UnknownPair_ReturnsFalse()
    {
        Assert.False(Pairs.TryGet("XDGUSD", out _));
        Assert.False(Pairs.TryGet(Symbol.Parse("SOL/USD"), out _));
    }

    [Theory]
    [InlineData("XXBT", "BTC")]
    [InlineData("XBT", "BTC")]
    [InlineData("ZUSD", "USD")]
    [InlineData("ZEUR", "EUR")]
    [InlineData("XETH", "ETH")] // not in the Assets response: the documented legacy X/Z prefix is dropped
    [InlineData("USDT", "USDT")]
    public void ToCanonical_RestAssetIds_MapToCanonicalCodes(string restId, string canonical)
    {
        Assert.Equal(canonical, Assets().ToCanonical(restId));
    }

    private static KrakenAssets Assets()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine("Fixtures", "kraken_rest_assets_response.json")));
        return KrakenAssets.FromResult(doc.RootElement.GetProperty("result"));
    }

    private static KrakenPairs Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine("Fixtures", "kraken_rest_assetpairs_response.json")));
        return KrakenPairs.FromResult(doc.RootElement.GetProperty("result"), Assets());
    }
}
