namespace Fluxum.Plugins.Kraken.Rest;

/// <summary>
/// The account verification tiers Kraken's REST call counter depends on (docs.kraken.com, "Spot REST Rate Limits"):
/// Starter 15 decaying 0.33/s, Intermediate 20 decaying 0.5/s, Pro 20 decaying 1/s. Set per venue with
/// <c>settings: { tier: starter | intermediate | pro }</c>; Starter, the lowest, when not set.
/// </summary>
/// <param name="Name">The setting's value (<c>starter</c>, <c>intermediate</c>, <c>pro</c>).</param>
/// <param name="Capacity">The tier's maximum API counter.</param>
/// <param name="DecayPerSecond">How fast the tier's counter decays, per second.</param>
internal sealed record KrakenTier(string Name, double Capacity, double DecayPerSecond)
{
    /// <summary>The setting's key.</summary>
    public const string Setting = "tier";

    /// <summary>Starter: 15, −0.33/s (the default).</summary>
    public static KrakenTier Starter { get; } = new("starter", 15, 0.33);

    /// <summary>Intermediate: 20, −0.5/s.</summary>
    public static KrakenTier Intermediate { get; } = new("intermediate", 20, 0.5);

    /// <summary>Pro: 20, −1/s.</summary>
    public static KrakenTier Pro { get; } = new("pro", 20, 1);

    /// <summary>Every documented tier, lowest first.</summary>
    public static IReadOnlyList<KrakenTier> All { get; } = [Starter, Intermediate, Pro];

    /// <summary>
    /// The tier <paramref name="settings"/> name (Starter when they name none); an unknown name adds a problem
    /// (<c>tier: ...</c>, naming the tiers there are) and gives Starter.
    /// </summary>
    public static KrakenTier Read(IReadOnlyDictionary<string, string> settings, List<string>? problems)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.TryGetValue(Setting, out var name))
        {
            return Starter;
        }

        foreach (var tier in All)
        {
            if (string.Equals(tier.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return tier;
            }
        }

        problems?.Add($"{Setting}: '{name}' is not a Kraken tier (expected {string.Join(", ", All.Select(t => t.Name))}: its REST call counter limit)");
        return Starter;
    }
}
