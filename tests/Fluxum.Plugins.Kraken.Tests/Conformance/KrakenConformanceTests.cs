using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;

namespace Fluxum.Plugins.Kraken.Tests.Conformance;

/// <summary>Kraken follows every rule of the plugin conformance suite, against its own simulator.</summary>
public sealed class KrakenConformanceTests : PluginConformanceTests
{
    protected override string Venue => "kraken";

    protected override IExchangePlugin CreatePlugin() => new KrakenPlugin();
}
