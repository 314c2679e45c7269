namespace Fluxum.Host.Configuration;

/// <summary>
/// One problem in a configuration file: where (file, 1-based line and column, key path) and what is
/// wrong and expected. Line 0 means the problem concerns the whole file (e.g. it does not exist).
/// Messages never contain a secret's value.
/// </summary>
/// <param name="File">The file as the user named it (e.g. <c>fluxum.yaml</c>).</param>
/// <param name="Line">1-based line, 0 when not about a position.</param>
/// <param name="Column">1-based column, 0 when not about a position.</param>
/// <param name="Path">The key path (e.g. <c>venues.kraken.mode</c>); empty for the document itself.</param>
/// <param name="Message">What is wrong and what is expected.</param>
internal sealed record ConfigError(string File, int Line, int Column, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length > 0 ? $"{where}: {ShortPath(Path)}: {Message}" : $"{where}: {Message}";
    }

    /// <summary>A very long key path (deep nesting) is shown by its start and end.</summary>
    private static string ShortPath(string path) => path.Length <= 120 ? path : $"{path[..60]}…{path[^40..]}";
}
