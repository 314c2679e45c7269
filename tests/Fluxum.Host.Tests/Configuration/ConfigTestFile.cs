using Fluxum.Host.Configuration;

namespace Fluxum.Host.Tests.Configuration;

/// <summary>Parses YAML text as if it were <c>fluxum.yaml</c> in a temporary directory.</summary>
internal sealed class ConfigTestFile : IDisposable
{
    private readonly TempDirectory _temp = new();

    public string Directory => _temp.Path;

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public ConfigLoadResult Parse(string yaml) =>
        ConfigLoader.Parse(yaml, "fluxum.yaml", Path.Combine(_temp.Path, "fluxum.yaml"), Options);

    public ConfigLoadOptions Options => new() { Environment = n => Environment.GetValueOrDefault(n) };

    public string Write(string relativePath, string text) => _temp.Write(relativePath, text);

    public string AddPlugin(string shortName) => _temp.AddPlugin(shortName);

    public static string[] Messages(ConfigLoadResult result) => [.. result.Errors.Select(e => e.ToString())];

    public void Dispose() => _temp.Dispose();
}
