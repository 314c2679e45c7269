using Fluxum.Host.Configuration.Yaml;

namespace Fluxum.Host.Configuration;

/// <summary>Collects every error and warning found in one file (reading goes on after an error).</summary>
internal sealed class ConfigDiagnostics(string file)
{
    /// <summary>Errors kept per file; past this they are only counted (<see cref="MoreErrors"/>), so memory stays bounded.</summary>
    public const int MaxKept = 200;

    private readonly List<ConfigError> _errors = [];
    private readonly List<ConfigError> _warnings = [];

    /// <summary>The file name used in messages.</summary>
    public string File { get; } = file;

    /// <summary>Errors in the order found.</summary>
    public IReadOnlyList<ConfigError> Errors => _errors;

    /// <summary>Warnings (the file is usable, but something looks off).</summary>
    public IReadOnlyList<ConfigError> Warnings => _warnings;

    /// <summary>Where each value read so far sits, by key path.</summary>
    public Dictionary<string, ConfigLocation> Locations { get; } = new(StringComparer.Ordinal);

    /// <summary>Errors found beyond the <see cref="MaxKept"/> kept.</summary>
    public int MoreErrors { get; private set; }

    /// <summary>Records an error at a position.</summary>
    public void Error(int line, int column, string path, string message)
    {
        if (_errors.Count >= MaxKept)
        {
            MoreErrors++;
            return;
        }

        _errors.Add(new(File, line, column, path, message));
    }

    /// <summary>Records an error at a node.</summary>
    public void Error(YamlNode node, string path, string message) => Error(node.Line, node.Column, path, message);

    /// <summary>Records a warning at a node.</summary>
    public void Warning(YamlNode node, string path, string message) => _warnings.Add(new(File, node.Line, node.Column, path, message));

    /// <summary>Remembers where the value at <paramref name="path"/> is.</summary>
    public void Locate(string path, YamlNode node) => Locations[path] = new(node.Line, node.Column);
}
