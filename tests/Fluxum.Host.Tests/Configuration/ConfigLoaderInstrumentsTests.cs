using Fluxum.Host.Configuration;

namespace Fluxum.Host.Tests.Configuration;

/// <summary>A plugin setting written as a mapping of mappings (Kraken's <c>instruments</c>).</summary>
public sealed class ConfigLoaderInstrumentsTests : IDisposable
{
    private readonly ConfigTestFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Parse_Instruments_FlattenedIntoSettingsWithEachKeyLocated()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: live
                instruments:
                  BTC/USD: { price_decimals: 1, qty_decimals: 8 }
                  ETH/USD:
                    price_decimals: 2
                    qty_decimals: 8
            """);

        Assert.Empty(ConfigTestFile.Messages(result));
        var config = result.GetValidConfig();
        var settings = config.Venue("kraken")!.Settings;
        Assert.Equal("1", settings["instruments.BTC/USD.price_decimals"]);
        Assert.Equal("8", settings["instruments.BTC/USD.qty_decimals"]);
        Assert.Equal("2", settings["instruments.ETH/USD.price_decimals"]);
        Assert.Equal(4, settings.Count);
        Assert.Equal(new ConfigLocation(8, 25), config.Locations["venues.kraken.instruments.ETH/USD.price_decimals"]);
    }

    [Fact]
    public void Parse_InstrumentNotAMapping_ErrorAtItsLineAndKeyPath()
    {
        var result = _file.Parse("""
            plugin_dirs: [p]
            venues:
              kraken:
                mode: live
                instruments:
                  BTC/USD: 1
                  ETH/USD: { price_decimals: [2] }
            """);

        Assert.Equal(
            """
            fluxum.yaml:6:16: venues.kraken.instruments.BTC/USD: expected a mapping of fields (e.g. { price_decimals: 1, qty_decimals: 8 }); found a scalar
            fluxum.yaml:7:34: venues.kraken.instruments.ETH/USD.price_decimals: expected a single value, found a list
            """,
            string.Join("\n", ConfigTestFile.Messages(result)));
    }
}
