namespace Fluxum.Host.Configuration;

/// <summary>Prints configuration errors, in file order, at most <see cref="MaxShown"/> of them, then how many more there were.</summary>
internal static class ConfigErrorReport
{
    /// <summary>Errors printed before the rest are only counted.</summary>
    public const int MaxShown = 50;

    /// <summary>Writes the errors and returns how many there were in all (<paramref name="more"/> found but not kept included).</summary>
    public static int Write(IEnumerable<ConfigError> errors, int more, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var shown = 0;
        var total = more;
        foreach (var error in errors.OrderBy(e => e.Line).ThenBy(e => e.Column))
        {
            total++;
            if (shown < MaxShown)
            {
                writer.WriteLine(error);
                shown++;
            }
        }

        if (total > shown)
        {
            writer.WriteLine($"... and {total - shown} more error(s) not shown");
        }

        return total;
    }
}
