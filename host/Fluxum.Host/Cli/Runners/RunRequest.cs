namespace Fluxum.Host.Cli.Runners;

/// <summary><c>fluxum run</c>: run the deployment in the config file.</summary>
/// <param name="ConfigPath">The config file (absolute).</param>
/// <param name="Duration">Stop after this long; null runs until Ctrl+C. The runner's token already ends then.</param>
internal sealed record RunRequest(string ConfigPath, TimeSpan? Duration);
