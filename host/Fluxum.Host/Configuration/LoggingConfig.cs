using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Configuration;

/// <summary>Log levels and format: a default level, overrides per category prefix, text or JSON lines (<c>logging: {level, categories, format}</c>).</summary>
/// <param name="Level">The default minimum level.</param>
/// <param name="Categories">Minimum level by category prefix (e.g. <c>Fluxum.Host.Sessions</c>).</param>
internal sealed record LoggingConfig(LogLevel Level, IReadOnlyDictionary<string, LogLevel> Categories)
{
    /// <summary>Information, no overrides, text.</summary>
    public static LoggingConfig Default { get; } = new(LogLevel.Information, new Dictionary<string, LogLevel>());

    /// <summary>Text lines (the default) or JSON lines.</summary>
    public LogFormat Format { get; init; } = LogFormat.Text;
}
