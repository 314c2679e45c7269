namespace Fluxum.Host.Tests.Support;

/// <summary>
/// The text of a test's <c>fluxum.yaml</c>, written by <see cref="ToString"/>: <c>plugin_dirs</c>, the venues,
/// then (where set) <c>reconnect</c>, <c>scripts</c> and <c>logging</c>.
/// </summary>
internal sealed record ConfigYaml(IReadOnlyList<string> PluginDirs)
{
    /// <summary>The venues, in order.</summary>
    public IReadOnlyList<VenueYaml> Venues { get; init; } = [];

    /// <summary>
    /// The venues section as literal text (indented under <c>venues:</c>), for a test whose point is that text
    /// (a line and column in an error); written instead of <see cref="Venues"/>.
    /// </summary>
    public string? VenuesText { get; init; }

    /// <summary>The <c>reconnect</c> value, or none.</summary>
    public string? Reconnect { get; init; }

    /// <summary>The <c>scripts</c> entries as written (a path, or <c>{ path: ..., args: [...] }</c>).</summary>
    public IReadOnlyList<string> Scripts { get; init; } = [];

    /// <summary>The <c>logging</c> value (<c>{ level: warning }</c>), or none.</summary>
    public string? Logging { get; init; }

    /// <summary>
    /// The tests' usual config: <paramref name="venues"/> on plugins from <paramref name="pluginDirs"/>, the quick
    /// reconnect policy (<see cref="QuickReconnect"/>) with this <paramref name="watchdog"/>, warnings only.
    /// </summary>
    public static ConfigYaml Create(IReadOnlyList<string> pluginDirs, IEnumerable<VenueYaml> venues, string watchdog = "10s") => new(pluginDirs)
    {
        Venues = [.. venues],
        Reconnect = QuickReconnect(watchdog),
        Logging = LoggingAt("warning"),
    };

    /// <summary>The tests' quick reconnect policy: three attempts from 100 ms backing off to 1 s, with this <paramref name="watchdog"/>.</summary>
    private static string QuickReconnect(string watchdog = "10s") => $"{{ max_attempts: 3, initial_backoff: 100ms, max_backoff: 1s, watchdog: {watchdog} }}";

    /// <summary>The <c>admin</c> section's value (flow mapping text), or null for none.</summary>
    public string? Admin { get; init; }

    /// <summary>The <c>logging</c> value at <paramref name="level"/>, in <paramref name="format"/> when one is given.</summary>
    public static string LoggingAt(string level, string? format = null) => format is null ? $"{{ level: {level} }}" : $"{{ level: {level}, format: {format} }}";

    /// <summary>The <c>ledger</c> section's value (flow mapping text), or null for none.</summary>
    public string? Ledger { get; init; }

    /// <summary>The file's text.</summary>
    public override string ToString()
    {
        var lines = new List<string> { "plugin_dirs:" };
        lines.AddRange(PluginDirs.Select(d => "  - " + d));
        lines.Add("venues:");
        lines.Add(VenuesText ?? string.Join('\n', Venues));
        if (Reconnect is not null)
        {
            lines.Add($"reconnect: {Reconnect}");
        }

        if (Scripts.Count > 0)
        {
            lines.Add("scripts:");
            lines.AddRange(Scripts.Select(s => "  - " + s));
        }

        if (Logging is not null)
        {
            lines.Add($"logging: {Logging}");
        }

        if (Admin is not null)
        {
            lines.Add($"admin: {Admin}");
        }

        if (Ledger is not null)
        {
            lines.Add($"ledger: {Ledger}");
        }

        return string.Join('\n', lines);
    }
}
