namespace Fluxum.Host.Configuration;

/// <summary>Where a value sits in the configuration file (1-based).</summary>
internal readonly record struct ConfigLocation(int Line, int Column);
