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
    /// <summary>How deeply collections may nest (a real fluxum.yaml needs about 6).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// How many nodes the document may stand for once every alias is expanded (scalar characters count as
    /// nodes too): aliases of aliases grow exponentially ("billion laughs") and readers walk the expansion.
    /// </summary>
    public const long MaxExpandedSize = 4_000_000;

    private readonly IParser _parser;
    private readonly ConfigDiagnostics _diagnostics;
    private readonly Dictionary<string, (YamlNode Node, long Size)> _anchors = new(StringComparer.Ordinal);
    private int _depth;
    private long _expanded;

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
            // "While scanning a mapping, found invalid tab": Start is where the mapping began, End is the problem.
            var at = ex.End.Line > ex.Start.Line || (ex.End.Line == ex.Start.Line && ex.End.Column > ex.Start.Column) ? ex.End : ex.Start;
            var (line, column) = ex.Message.Contains("tab", StringComparison.Ordinal) && FirstIndentingTab(text) is { } tab ? tab : ((int)at.Line, (int)at.Column);
            diagnostics.Error(line, column, "", "YAML syntax error: " + StripMarks(ex.Message));
            return null;
        }
        catch (TooLargeException ex)
        {
            diagnostics.Error(ex.Line, ex.Column, ex.Path, ex.Message);
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
                Grow(target.Size, (int)alias.Start.Line, (int)alias.Start.Column, path, $"alias '*{alias.Value.Value}'");
                return target.Node;
            }

            _diagnostics.Error((int)alias.Start.Line, (int)alias.Start.Column, path, $"unknown alias '*{alias.Value.Value}'");
            return new YamlScalar((int)alias.Start.Line, (int)alias.Start.Column, "", IsPlain: true);
        }

        YamlNode node;
        string anchor;
        var start = _expanded;
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            node = new YamlScalar((int)scalar.Start.Line, (int)scalar.Start.Column, scalar.Value, scalar.Style == ScalarStyle.Plain);
            anchor = scalar.Anchor.IsEmpty ? "" : scalar.Anchor.Value;
            Grow(1 + scalar.Value.Length, node.Line, node.Column, path, "the document");
        }
        else if (_parser.TryConsume<SequenceStart>(out var seqStart))
        {
            Enter(seqStart, path);
            var items = new List<YamlNode>();
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(ConfigPath.Item(path, items.Count)));
            }

            _depth--;
            node = new YamlSequence((int)seqStart.Start.Line, (int)seqStart.Start.Column, items);
            anchor = seqStart.Anchor.IsEmpty ? "" : seqStart.Anchor.Value;
            Grow(1, node.Line, node.Column, path, "the document");
        }
        else
        {
            var mapStart = _parser.Consume<MappingStart>();
            Enter(mapStart, path);
            node = ReadMapping(mapStart, path);
            _depth--;
            anchor = mapStart.Anchor.IsEmpty ? "" : mapStart.Anchor.Value;
            Grow(1, node.Line, node.Column, path, "the document");
        }

        if (anchor.Length > 0)
        {
            // What one use of the anchor adds when expanded: everything read for it, its own aliases included.
            _anchors[anchor] = (node, _expanded - start);
        }

        return node;
    }

    private void Enter(ParsingEvent collection, string path)
    {
        if (++_depth > MaxDepth)
        {
            throw new TooLargeException((int)collection.Start.Line, (int)collection.Start.Column, path, $"collections nest deeper than {MaxDepth} levels; a configuration file needs only a few");
        }
    }

    private void Grow(long size, int line, int column, string path, string what)
    {
        _expanded += size;
        if (_expanded > MaxExpandedSize)
        {
            throw new TooLargeException(line, column, path, $"{what} expands the document past {MaxExpandedSize.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} nodes and characters (aliases of aliases?); refused");
        }
    }

    /// <summary>The document is too deep or expands too far: reading stops at the first place that shows it.</summary>
    private sealed class TooLargeException(int line, int column, string path, string message) : Exception(message)
    {
        public int Line { get; } = line;

        public int Column { get; } = column;

        public string Path { get; } = path;
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
                _diagnostics.Error(key.Line, key.Column, childPath, $"duplicate key {ConfigText.Quote(key.Value)} (first defined at line {first.Line})");
                continue;
            }

            seen.Add(key.Value, key);
            entries.Add(new(key, value));
        }

        return new YamlMapping((int)start.Start.Line, (int)start.Start.Column, entries);
    }

    /// <summary>
    /// Where the first tab in a line's indentation is (YAML indents with spaces only). The parser reports such
    /// an error at the start of the enclosing mapping, which points nowhere near the tab.
    /// </summary>
    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var line = 1;
        var column = 1;
        var indenting = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                (line, column, indenting) = (line + 1, 1, true);
                continue;
            }

            if (indenting && c == '\t')
            {
                return (line, column);
            }

            indenting &= c == ' ';
            column++;
        }

        return null;
    }

    private static string StripMarks(string message) => MarksPrefix().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarksPrefix();
}
