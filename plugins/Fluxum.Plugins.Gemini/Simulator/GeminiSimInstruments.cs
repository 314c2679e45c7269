using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>
/// The simulator's fixed instrument list, with Gemini's real precisions (<c>/v1/symbols/details</c>:
/// <c>quote_increment</c> for prices, <c>tick_size</c> for quantities). Every simulator serves all of them,
/// whatever it is asked for; any other symbol gets Gemini's own error (<c>-1013 Invalid stream name</c> on the
/// new API, an error frame on market data v2, <c>InvalidSymbol</c> on REST).
/// </summary>
internal static class GeminiSimInstruments
{
    /// <summary>The instruments, in the order their markets are seeded.</summary>
    public static IReadOnlyList<SimulatedInstrument> All { get; } =
    [
        new(new Symbol("BTC", "USD"), 2, 8),
        new(new Symbol("ETH", "USD"), 2, 6),
        new(new Symbol("SOL", "USD"), 3, 6),
        new(new Symbol("BTC", "EUR"), 2, 8),
        new(new Symbol("ETH", "BTC"), 5, 6),
    ];
}
