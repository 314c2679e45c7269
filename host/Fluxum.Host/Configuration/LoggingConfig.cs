using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Configuration;

/// <summary>Log levels: a default and overrides per category prefix (<c>logging: {level, categories}</c>).</summary>
/// <param name="Level">The default minimum level.</param>
/// <param name="Categories">Minimum level by category prefix (e.g. <c>Fluxum.Host.Sessions</c>).</param>
internal sealed record LoggingConfig(LogLevel Level, IReadOnlyDictionary<string, LogLevel> Categories)
{
    /// <summary>Information, no overrides.</summary>
    public static LoggingConfig Default { get; } = new(LogLevel.Information, new Dictionary<string, LogLevel>());
}
