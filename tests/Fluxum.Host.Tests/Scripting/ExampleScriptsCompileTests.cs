using Fluxum.Host.Tests.Scripting.Support;

namespace Fluxum.Host.Tests.Scripting;

[Collection(ExampleScriptsCollection.Name)]
public sealed class ExampleScriptsCompileTests(ExampleScriptsFixture scripts)
{
    [Fact]
    public void ExampleScripts_Compile_WithoutWarnings()
    {
        Assert.Equal(string.Empty, string.Join(Environment.NewLine, scripts.Diagnostics));
    }
}
