using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>Every rule a Fluxum plugin must follow, run against this plugin and its simulator.</summary>
public sealed class BinanceConformanceTests : PluginConformanceTests
{
    protected override string Venue => "binance-conf";

    protected override IExchangePlugin CreatePlugin() => new BinancePlugin();

    protected override IReadOnlyList<Symbol> ConformanceSymbols(ISimulatorProvider simulator) => [Symbol.Parse("BTC/USDT"), Symbol.Parse("ETH/USDT")];
}
