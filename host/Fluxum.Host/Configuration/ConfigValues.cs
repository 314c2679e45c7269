using System.Globalization;
using Fluxum.Host.Configuration.Yaml;
using Fluxum.Sdk;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Configuration;

/// <summary>Typed reads of YAML values; each reports a wrong type or format at the node and returns null.</summary>
internal static class ConfigValues
{
    /// <summary>A string, or null when absent (or not a scalar: error reported).</summary>
    public static string? String(YamlNode? node, string path, ConfigDiagnostics d)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalar scalar:
                return scalar.Value;
            default:
                d.Error(node, path, $"expected a single value, found {node.KindName}");
                return null;
        }
    }

    /// <summary>An integer within [min, max].</summary>
    public static int? Int(YamlNode? node, string path, ConfigDiagnostics d, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(node, path, d);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            d.Error(node!, path, $"expected a whole number, found {ConfigText.Quote(text)}");
            return null;
        }

        if (value < min || value > max)
        {
            d.Error(node!, path, max == int.MaxValue ? $"must be at least {min}, found {value}" : $"must be between {min} and {max}, found {value}");
            return null;
        }

        return value;
    }

    /// <summary>A decimal number within [min, max].</summary>
    public static double? Number(YamlNode? node, string path, ConfigDiagnostics d, double min, double max)
    {
        var text = String(node, path, d);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            d.Error(node!, path, $"expected a number, found {ConfigText.Quote(text)}");
            return null;
        }

        if (value < min || value > max)
        {
            d.Error(node!, path, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, found {text}");
            return null;
        }

        return value;
    }

    /// <summary>A duration such as <c>500ms</c>, <c>30s</c>, <c>1m</c> (see <see cref="Intervals"/>).</summary>
    public static TimeSpan? Duration(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var text = String(node, path, d);
        if (text is null)
        {
            return null;
        }

        if (!Intervals.TryParse(text, out var value, out var problem))
        {
            d.Error(node!, path, $"{ConfigText.Quote(text)} {problem}");
            return null;
        }

        return value;
    }

    /// <summary>A symbol <c>BASE/QUOTE</c>.</summary>
    public static Symbol? Symbol(YamlNode? node, string path, ConfigDiagnostics d)
    {
        var text = String(node, path, d);
        if (text is null)
        {
            return null;
        }

        if (!Sdk.Symbol.TryParse(text, out var symbol))
        {
            d.Error(node!, path, $"{ConfigText.Quote(text)} is not a symbol; expected BASE/QUOTE, for example BTC/USD");
            return null;
        }

        return symbol;
    }

    /// <summary>One of a fixed set of names (case-insensitive).</summary>
    public static T? OneOf<T>(YamlNode? node, string path, ConfigDiagnostics d, string what, IReadOnlyDictionary<string, T> names)
        where T : struct
    {
        var text = String(node, path, d);
        if (text is null)
        {
            return null;
        }

        foreach (var (name, value) in names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        d.Error(node!, path, $"unknown {what} {ConfigText.Quote(text)}; expected one of {string.Join(", ", names.Keys)}");
        return null;
    }

    /// <summary>The items of a list (an error and an empty list when it is not one).</summary>
    public static IReadOnlyList<YamlNode> List(YamlNode? node, string path, ConfigDiagnostics d, string expected)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlSequence sequence:
                d.Locate(path, sequence);
                return sequence.Items;
            default:
                d.Error(node, path, $"expected a list of {expected}, found {node.KindName}");
                return [];
        }
    }
}
