namespace Fluxum.Host.Tests.Scripting.Support;

/// <summary>The example-script tests share one compilation of the scripts.</summary>
[CollectionDefinition(Name)]
public sealed class ExampleScriptsCollection : ICollectionFixture<ExampleScriptsFixture>
{
    public const string Name = "Example scripts";
}
