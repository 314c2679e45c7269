namespace Fluxum.Host.Configuration;

/// <summary>The outcome of reading a configuration file: the model (when readable) and every problem.</summary>
/// <param name="Config">The model; null when the file could not be read at all. Only trust it when <see cref="IsValid"/>.</param>
/// <param name="Errors">Every error found, in file order.</param>
/// <param name="Warnings">Problems that do not stop a run (e.g. a script file that is not there yet).</param>
internal sealed record ConfigLoadResult(FluxumConfig? Config, IReadOnlyList<ConfigError> Errors, IReadOnlyList<ConfigError> Warnings)
{
    /// <summary>Errors found but not kept in <see cref="Errors"/> (a file with very many).</summary>
    public int MoreErrors { get; init; }

    /// <summary>True when there is a model and no error.</summary>
    public bool IsValid => Config is not null && Errors.Count == 0;

    /// <summary>The model, or a <see cref="ConfigException"/> carrying every error.</summary>
    public FluxumConfig GetValidConfig() => IsValid ? Config! : throw new ConfigException(Errors);
}
