namespace Fluxum.Host.Cli.Runners;

/// <summary><c>fluxum run</c>: run the deployment in the config file.</summary>
/// <param name="ConfigPath">The config file (absolute).</param>
/// <param name="Duration">Stop after this long; null runs until Ctrl+C. The runner's token already ends then.</param>
internal sealed record RunRequest(string ConfigPath, TimeSpan? Duration)
{
    /// <summary>
    /// Table: a start line, status lines and the final status as text. Json: the final status as one JSON document on
    /// stdout and nothing else there (no start or status lines; the scripts' output goes to stderr).
    /// </summary>
    public OutputFormat Format { get; init; } = OutputFormat.Table;

    /// <summary>Draw the live view in place of the status lines (on a terminal; redirected output keeps the lines).</summary>
    public bool Live { get; init; }
}
