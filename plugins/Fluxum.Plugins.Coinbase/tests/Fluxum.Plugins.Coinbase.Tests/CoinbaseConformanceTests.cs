using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;

namespace Fluxum.Plugins.Coinbase.Tests;

/// <summary>Every rule a Fluxum plugin must follow, run against this plugin and its simulator.</summary>
public sealed class CoinbaseConformanceTests : PluginConformanceTests
{
    protected override string Venue => "cb-conformance";

    protected override IExchangePlugin CreatePlugin() => new CoinbasePlugin();
}
