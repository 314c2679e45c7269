namespace Fluxum.Host.Configuration;

/// <summary>Builds key paths such as <c>venues.kraken.subscriptions[0].channels[1]</c>.</summary>
internal static class ConfigPath
{
    /// <summary>The path of key <paramref name="key"/> under <paramref name="parent"/>.</summary>
    public static string Child(string parent, string key) => parent.Length == 0 ? ConfigText.Key(key) : $"{parent}.{ConfigText.Key(key)}";

    /// <summary>The path of item <paramref name="index"/> of the list at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
