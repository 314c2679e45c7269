using System.Text.RegularExpressions;

namespace Fluxum.Host.Configuration.Readers;

/// <summary>
/// Recognizes secrets written where only environment-variable names belong. Messages built here never
/// contain the value itself.
/// </summary>
internal static partial class SecretRules
{
    private static readonly string[] SecretWords = ["secret", "api_key", "apikey", "password", "passphrase", "token", "private_key"];

    /// <summary>True when a key name says it holds a secret (e.g. <c>api_secret</c>, <c>token</c>).</summary>
    public static bool IsSecretKey(string key)
    {
        var k = key.ToLowerInvariant();
        return !k.EndsWith("_env", StringComparison.Ordinal) && SecretWords.Any(w => k.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>True for a valid environment variable name (letters, digits, underscore; not starting with a digit).</summary>
    public static bool IsVariableName(string value) => VariableName().IsMatch(value);

    /// <summary>True when a value looks like a key or secret rather than a variable name.</summary>
    public static bool LooksLikeSecret(string value) =>
        value.IndexOfAny(['+', '/', '=']) >= 0
        || (value.Length >= 20 && value.Any(char.IsAsciiLetterLower) && value.Any(char.IsAsciiLetterUpper) && value.Any(char.IsAsciiDigit));

    /// <summary>The message for a secret written inline under <paramref name="key"/>.</summary>
    public static string InlineSecretMessage(string key) =>
        $"inline secret '{key}' is not allowed: put the value in an environment variable and name that variable under credentials (api_key_env, api_secret_env, passphrase_env)";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
