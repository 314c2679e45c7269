using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Fluxum.Host.Configuration.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/>s from YamlDotNet's parser events, so every node keeps its
/// line and column. Duplicate keys (YamlDotNet's representation model would keep one silently or throw
/// without a path) and non-scalar keys are reported here; aliases are resolved.
/// </summary>
internal sealed partial class YamlTreeReader
{
    private readonly IParser _parser;
    private readonly ConfigDiagnostics _diagnostics;
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);

    private YamlTreeReader(IParser parser, ConfigDiagnostics diagnostics)
    {
        _parser = parser;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads the single document in <paramref name="text"/>; null (with errors reported) when it cannot.</summary>
    public static YamlNode? Read(string text, ConfigDiagnostics diagnostics)
    {
        var reader = new YamlTreeReader(new Parser(new StringReader(text)), diagnostics);
        try
        {
            return reader.ReadStream();
        }
        catch (YamlException ex)
        {
            diagnostics.Error((int)ex.Start.Line, (int)ex.Start.Column, "", "YAML syntax error: " + StripMarks(ex.Message));
            return null;
        }
    }

    private YamlNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.TryConsume<StreamEnd>(out _))
        {
            _diagnostics.Error(1, 1, "", "the file is empty; expected a mapping with venues, plugin_dirs, ...");
            return null;
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode(path: "");
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            _diagnostics.Error((int)second.Start.Line, (int)second.Start.Column, "", "only one YAML document is allowed (found a second '---')");
        }

        return root;
    }

    private YamlNode ReadNode(string path)
    {
        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            _diagnostics.Error((int)alias.Start.Line, (int)alias.Start.Column, path, $"unknown alias '*{alias.Value.Value}'");
            return new YamlScalar((int)alias.Start.Line, (int)alias.Start.Column, "", IsPlain: true);
        }

        YamlNode node;
        string anchor;
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            node = new YamlScalar((int)scalar.Start.Line, (int)scalar.Start.Column, scalar.Value, scalar.Style == ScalarStyle.Plain);
            anchor = scalar.Anchor.IsEmpty ? "" : scalar.Anchor.Value;
        }
        else if (_parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<YamlNode>();
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode($"{path}[{items.Count}]"));
            }

            node = new YamlSequence((int)seqStart.Start.Line, (int)seqStart.Start.Column, items);
            anchor = seqStart.Anchor.IsEmpty ? "" : seqStart.Anchor.Value;
        }
        else
        {
            var mapStart = _parser.Consume<MappingStart>();
            node = ReadMapping(mapStart, path);
            anchor = mapStart.Anchor.IsEmpty ? "" : mapStart.Anchor.Value;
        }

        if (anchor.Length > 0)
        {
            _anchors[anchor] = node;
        }

        return node;
    }

    private YamlMapping ReadMapping(MappingStart start, string path)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(path);
            if (keyNode is not YamlScalar key)
            {
                _diagnostics.Error(keyNode.Line, keyNode.Column, path, $"a key must be a plain name, found {keyNode.KindName}");
                ReadNode(path);
                continue;
            }

            var childPath = ConfigPath.Child(path, key.Value);
            var value = ReadNode(childPath);
            if (seen.TryGetValue(key.Value, out var first))
            {
                _diagnostics.Error(key.Line, key.Column, childPath, $"duplicate key '{key.Value}' (first defined at line {first.Line})");
                continue;
            }

            seen.Add(key.Value, key);
            entries.Add(new(key, value));
        }

        return new YamlMapping((int)start.Start.Line, (int)start.Start.Column, entries);
    }

    private static string StripMarks(string message) => MarksPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}
