using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>
/// The simulator's fixed instrument list, with Kraken's real precisions (AssetPairs <c>pair_decimals</c> /
/// <c>lot_decimals</c>; Assets <c>decimals</c>). Every simulator serves all of them, whatever it is asked for;
/// any other pair gets Kraken's own error (<c>Currency pair not supported ...</c> on WebSocket,
/// <c>EQuery:Unknown asset pair</c> on REST).
/// </summary>
internal static class KrakenSimInstruments
{
    /// <summary>The pairs, in the order their markets are seeded.</summary>
    public static IReadOnlyList<SimulatedInstrument> All { get; } =
    [
        new(new Symbol("BTC", "USD"), 1, 8),
        new(new Symbol("ETH", "USD"), 2, 8),
        new(new Symbol("SOL", "USD"), 2, 8),
        new(new Symbol("XRP", "USD"), 5, 8),
        new(new Symbol("BTC", "EUR"), 1, 8),
        new(new Symbol("ETH", "BTC"), 5, 8),
    ];

    /// <summary>An asset's Assets <c>decimals</c> (fiat 4, XRP 8, the other crypto assets 10).</summary>
    public static int AssetDecimals(string code) => code switch
    {
        "USD" or "EUR" => 4,
        "XRP" => 8,
        _ => 10,
    };
}
