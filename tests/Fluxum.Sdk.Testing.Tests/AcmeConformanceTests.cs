using Fluxum.Plugins.Acme;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;

namespace Fluxum.Sdk.Testing.Tests;

/// <summary>The template's plugin passes every conformance rule.</summary>
public sealed class AcmeConformanceTests : PluginConformanceTests
{
    protected override IExchangePlugin CreatePlugin() => new AcmePlugin();
}
