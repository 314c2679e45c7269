using Fluxum.Sdk.Plugins;

namespace Fluxum.Host.Configuration;

/// <summary>
/// Names of the environment variables holding a venue's credentials. <c>fluxum.yaml</c> never holds a
/// secret; <see cref="Resolve"/> reads the variables when the venue starts.
/// </summary>
/// <param name="ApiKeyEnv">Variable with the API key.</param>
/// <param name="ApiSecretEnv">Variable with the API secret.</param>
/// <param name="PassphraseEnv">Variable with a passphrase, for venues that use one.</param>
internal sealed record CredentialsConfig(string ApiKeyEnv, string ApiSecretEnv, string? PassphraseEnv)
{
    /// <summary>The variable names, for checks and messages.</summary>
    public IEnumerable<string> VariableNames =>
        PassphraseEnv is null ? [ApiKeyEnv, ApiSecretEnv] : [ApiKeyEnv, ApiSecretEnv, PassphraseEnv];

    /// <summary>
    /// Reads the credentials from <paramref name="environment"/> (default: the process environment).
    /// Throws naming the missing variable, never a value.
    /// </summary>
    public VenueCredentials Resolve(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return new VenueCredentials(
            Read(environment, ApiKeyEnv),
            Read(environment, ApiSecretEnv),
            PassphraseEnv is null ? null : Read(environment, PassphraseEnv));
    }

    private static string Read(Func<string, string?> environment, string name)
    {
        var value = environment(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"environment variable {name} is not set")
            : value;
    }
}
