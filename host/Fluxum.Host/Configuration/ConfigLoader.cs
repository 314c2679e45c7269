using Fluxum.Host.Configuration.Readers;
using Fluxum.Host.Configuration.Yaml;

namespace Fluxum.Host.Configuration;

/// <summary>
/// Reads <c>fluxum.yaml</c> strictly: unknown keys, duplicate keys, wrong types and bad values are all
/// errors, and all of them are collected (not just the first), each naming file, line, column and key
/// path. Checks that need the plugin catalog are in <see cref="PluginConfigValidator"/>.
/// </summary>
internal static class ConfigLoader
{
    /// <summary>The file looked for when no <c>--config</c> is given.</summary>
    public const string DefaultFileName = "fluxum.yaml";

    /// <summary>Reads and validates the file at <paramref name="path"/> (relative to the current directory).</summary>
    public static ConfigLoadResult Load(string path, ConfigLoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var diagnostics = new ConfigDiagnostics(path);
        if (!File.Exists(full))
        {
            diagnostics.Error(0, 0, "", $"configuration file not found (looked for {full}); pass --config PATH or run from the folder holding fluxum.yaml");
            return new ConfigLoadResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        return Parse(File.ReadAllText(full), path, full, options);
    }

    /// <summary>Reads configuration text; <paramref name="displayName"/> is the file name used in messages.</summary>
    public static ConfigLoadResult Parse(string text, string displayName, string sourcePath, ConfigLoadOptions? options = null)
    {
        var diagnostics = new ConfigDiagnostics(displayName);
        var root = YamlTreeReader.Read(text, diagnostics);
        if (root is null)
        {
            return new ConfigLoadResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(sourcePath)) ?? Directory.GetCurrentDirectory();
        var ctx = new ConfigReadContext(diagnostics, baseDirectory, options ?? ConfigLoadOptions.Default);
        var config = FluxumConfigReader.Read(root, Path.GetFullPath(sourcePath), ctx);
        var errors = diagnostics.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new ConfigLoadResult(config, errors, diagnostics.Warnings);
    }
}
