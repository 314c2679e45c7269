namespace Fluxum.Host.Configuration;

/// <summary>A configuration that cannot be used; the message lists every error, one per line.</summary>
internal sealed class ConfigException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Every error.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
