using System.Reflection;

namespace Fluxum.Host.Tests;

/// <summary>Where the build put things the tests load (set in the csproj as assembly metadata).</summary>
internal static class TestPaths
{
    /// <summary>artifacts/test-plugins/ (one folder per test plugin).</summary>
    public static string TestPlugins => Metadata("FluxumTestPlugins");

    /// <summary>The repository root.</summary>
    public static string RepositoryRoot => Metadata("FluxumRoot");

    /// <summary>The folder of one test plugin, e.g. <c>Good</c> → artifacts/test-plugins/Fluxum.TestPlugins.Good.</summary>
    public static string TestPlugin(string shortName) => Path.Combine(TestPlugins, "Fluxum.TestPlugins." + shortName);

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
