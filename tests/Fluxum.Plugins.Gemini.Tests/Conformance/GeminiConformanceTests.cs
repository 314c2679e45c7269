using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Testing.Conformance;

namespace Fluxum.Plugins.Gemini.Tests.Conformance;

/// <summary>Gemini (its default API) follows every rule of the plugin conformance suite, against its own simulator.</summary>
public sealed class GeminiConformanceTests : PluginConformanceTests
{
    protected override string Venue => "gemini";

    protected override IExchangePlugin CreatePlugin() => new GeminiPlugin();
}
