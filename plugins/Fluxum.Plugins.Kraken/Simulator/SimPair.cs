using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;
using Fluxum.Sdk.Simulation;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>One simulated pair: its names on the wire, precision, evolving market and candles per interval.</summary>
internal sealed class SimPair
{
    public SimPair(Symbol symbol, Precision precision, decimal startPrice, Random random)
    {
        Symbol = symbol;
        Precision = precision;
        Market = new SimulatedMarket(symbol, startPrice, precision.Price, precision.Quantity, random);
        RestBase = RestAsset(symbol.Base);
        RestQuote = RestAsset(symbol.Quote);
        RestKey = RestBase + RestQuote;
        AltName = AltAsset(symbol.Base) + AltAsset(symbol.Quote);
        foreach (var minutes in Protocol.KrakenChannels.OhlcMinutes)
        {
            Candles[minutes] = new CandleAccumulator(TimeSpan.FromMinutes(minutes));
        }
    }

    public Symbol Symbol { get; }

    public Precision Precision { get; }

    public SimulatedMarket Market { get; }

    /// <summary>REST pair key, e.g. <c>XXBTZUSD</c>.</summary>
    public string RestKey { get; }

    /// <summary>REST altname, e.g. <c>XBTUSD</c>.</summary>
    public string AltName { get; }

    public string RestBase { get; }

    public string RestQuote { get; }

    public Dictionary<int, CandleAccumulator> Candles { get; } = [];

    /// <summary>The best bid and ask the last ticker was sent for (market loop only).</summary>
    public Sdk.Books.BookTop? LastTop { get; set; }

    /// <summary>Kraken's REST asset id: legacy X/Z-prefixed ids for the old assets, the plain code otherwise.</summary>
    public static string RestAsset(string code) => code switch
    {
        "BTC" => "XXBT",
        "ETH" => "XETH",
        "USD" => "ZUSD",
        "EUR" => "ZEUR",
        "XRP" => "XXRP",
        _ => code,
    };

    public static string AltAsset(string code) => code == "BTC" ? "XBT" : code;
}
