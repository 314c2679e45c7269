namespace Fluxum.Host.Configuration.Readers;

/// <summary>What the section readers share while reading one file.</summary>
/// <param name="Diagnostics">Where problems go.</param>
/// <param name="BaseDirectory">The directory relative paths are resolved against (the file's).</param>
/// <param name="Options">Load options (environment lookup, ...).</param>
internal sealed record ConfigReadContext(ConfigDiagnostics Diagnostics, string BaseDirectory, ConfigLoadOptions Options)
{
    /// <summary>An absolute path for <paramref name="path"/> relative to the config file.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, BaseDirectory);
}
