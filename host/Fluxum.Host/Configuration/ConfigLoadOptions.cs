namespace Fluxum.Host.Configuration;

/// <summary>How <see cref="ConfigLoader"/> reads a file.</summary>
internal sealed record ConfigLoadOptions
{
    /// <summary>Default options: the process environment, environment checked.</summary>
    public static ConfigLoadOptions Default { get; } = new();

    /// <summary>Reads an environment variable (tests inject their own).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Whether a live venue's credential variables must be set. Off for commands that only need part of
    /// the file (e.g. <c>plugins list</c> reads plugin_dirs).
    /// </summary>
    public bool CheckEnvironment { get; init; } = true;
}
