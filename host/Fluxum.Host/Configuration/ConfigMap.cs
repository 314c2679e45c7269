using Fluxum.Host.Configuration.Yaml;

namespace Fluxum.Host.Configuration;

/// <summary>
/// A strict view of one YAML mapping: values are taken by known key, and <see cref="Finish"/> reports
/// every key that nobody took as unknown, naming the keys that are expected.
/// </summary>
internal sealed class ConfigMap
{
    private readonly YamlMapping _mapping;
    private readonly ConfigDiagnostics _diagnostics;
    private readonly string[] _known;

    private ConfigMap(YamlMapping mapping, string path, ConfigDiagnostics diagnostics, string[] known)
    {
        _mapping = mapping;
        Path = path;
        _diagnostics = diagnostics;
        _known = known;
    }

    /// <summary>The key path of the mapping.</summary>
    public string Path { get; }

    /// <summary>The mapping node.</summary>
    public YamlMapping Node => _mapping;

    /// <summary>Entries in document order.</summary>
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries => _mapping.Entries;

    /// <summary>A strict view of <paramref name="node"/>, or null (error reported) when it is not a mapping.</summary>
    public static ConfigMap? From(YamlNode? node, string path, ConfigDiagnostics diagnostics, params string[] known)
    {
        switch (node)
        {
            case null:
            case YamlScalar { IsNull: true }:
                return null;
            case YamlMapping mapping:
                diagnostics.Locate(path, mapping);
                return new ConfigMap(mapping, path, diagnostics, known);
            default:
                diagnostics.Error(node, path, $"expected a mapping with keys {string.Join(", ", known)}; found {node.KindName}");
                return null;
        }
    }

    /// <summary>The path of <paramref name="key"/> in this mapping.</summary>
    public string PathOf(string key) => ConfigPath.Child(Path, key);

    /// <summary>The value of <paramref name="key"/>, or null when absent or written as null.</summary>
    public YamlNode? Get(string key)
    {
        foreach (var (k, v) in _mapping.Entries)
        {
            if (string.Equals(k.Value, key, StringComparison.Ordinal))
            {
                _diagnostics.Locate(PathOf(key), v);
                return v is YamlScalar { IsNull: true } ? null : v;
            }
        }

        return null;
    }

    /// <summary>The value of a required key; reports "missing" at the mapping when absent.</summary>
    public YamlNode? Require(string key, string expected)
    {
        var value = Get(key);
        if (value is null)
        {
            _diagnostics.Error(_mapping, Path, $"missing required key '{key}' ({expected})");
        }

        return value;
    }

    /// <summary>
    /// Reports every key not in the known list. <paramref name="explain"/> may give a specific message for
    /// a key (e.g. an inline secret); otherwise the message lists the expected keys.
    /// </summary>
    public void Finish(Func<string, string?>? explain = null)
    {
        foreach (var (key, _) in _mapping.Entries)
        {
            if (Array.IndexOf(_known, key.Value) >= 0)
            {
                continue;
            }

            var message = explain?.Invoke(key.Value)
                ?? $"unknown key {ConfigText.Quote(key.Value)}; expected one of {string.Join(", ", _known)}";
            _diagnostics.Error(key, PathOf(key.Value), message);
        }
    }
}
