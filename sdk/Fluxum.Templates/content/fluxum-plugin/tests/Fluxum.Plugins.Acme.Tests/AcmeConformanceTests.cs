using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;

namespace Fluxum.Plugins.Acme.Tests;

/// <summary>Every rule a Fluxum plugin must follow, run against this plugin and its simulator.</summary>
public sealed class AcmeConformanceTests : PluginConformanceTests
{
    protected override string Venue => "acme";

    protected override IExchangePlugin CreatePlugin() => new AcmePlugin();
}
