namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>The tests that pack the SDK and build solutions in child processes: one at a time (they share the feed and the package cache).</summary>
[CollectionDefinition(Name)]
public sealed class ExternalBuildCollection
{
    public const string Name = "External builds";
}
