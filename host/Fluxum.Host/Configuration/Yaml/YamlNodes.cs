namespace Fluxum.Host.Configuration.Yaml;

/// <summary>A YAML node with the position it starts at (1-based line and column).</summary>
internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>What the node is, for "expected X, found Y" messages.</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar. <see cref="IsNull"/> for an empty plain value, <c>~</c> or <c>null</c>.</summary>
internal sealed record YamlScalar(int Line, int Column, string Value, bool IsPlain) : YamlNode(Line, Column)
{
    /// <summary>True for a plain empty value, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <inheritdoc />
    public override string KindName => IsNull ? "nothing (null)" : "a scalar";
}

/// <summary>A mapping, keys in document order (duplicates are rejected while reading).</summary>
internal sealed record YamlMapping(int Line, int Column, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries) : YamlNode(Line, Column)
{
    /// <inheritdoc />
    public override string KindName => "a mapping";
}

/// <summary>A sequence.</summary>
internal sealed record YamlSequence(int Line, int Column, IReadOnlyList<YamlNode> Items) : YamlNode(Line, Column)
{
    /// <inheritdoc />
    public override string KindName => "a list";
}
