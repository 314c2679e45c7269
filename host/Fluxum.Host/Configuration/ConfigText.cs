using System.Globalization;

namespace Fluxum.Host.Configuration;

/// <summary>
/// Values quoted in configuration messages: at most a short prefix, so a hostile file (a megabyte scalar
/// aliased thousands of times) cannot turn its errors into gigabytes of output.
/// </summary>
internal static class ConfigText
{
    /// <summary>How many characters of a value a message shows.</summary>
    public const int MaxQuoted = 40;

    /// <summary><c>'value'</c>, or <c>'prefix…' (N characters)</c> when longer than <see cref="MaxQuoted"/>.</summary>
    public static string Quote(string? value)
    {
        value ??= string.Empty;
        if (value.Length <= MaxQuoted)
        {
            return $"'{value}'";
        }

        return $"'{value[..MaxQuoted]}…' ({value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";
    }

    /// <summary>A key as shown in a key path: long keys are cut like quoted values.</summary>
    public static string Key(string key) => key.Length <= MaxQuoted ? key : $"{key[..MaxQuoted]}…";
}
