using System.Text.Json;

namespace Fluxum.Plugins.Kraken.Symbols;

/// <summary>
/// REST asset ids ↔ canonical asset codes. REST uses ids such as <c>XXBT</c>, <c>ZUSD</c>, <c>XETH</c>
/// (legacy X/Z prefixes) or plain ones (<c>DOT</c>); the Assets response maps each id to its
/// <c>altname</c>. The one documented rename on top: v2 (and Fluxum) say <c>BTC</c> where REST says
/// <c>XBT</c>. Balance suffixes (<c>.S</c>, <c>.M</c>, <c>.B</c>, <c>.F</c>, <c>.T</c>) are kept.
/// </summary>
internal sealed class KrakenAssets
{
    private readonly Dictionary<string, string> _altnames = new(StringComparer.Ordinal);

    /// <summary>Reads an Assets <c>result</c> (asset id → {altname, ...}).</summary>
    public static KrakenAssets FromResult(JsonElement result)
    {
        var assets = new KrakenAssets();
        if (result.ValueKind == JsonValueKind.Object)
        {
            foreach (var asset in result.EnumerateObject())
            {
                if (asset.Value.TryGetProperty("altname", out var alt) && alt.GetString() is { Length: > 0 } altname)
                {
                    assets._altnames[asset.Name] = altname;
                }
            }
        }

        return assets;
    }

    /// <summary>The canonical code of a REST asset id (<c>XXBT</c> → <c>BTC</c>, <c>ZUSD</c> → <c>USD</c>, <c>ETH2.S</c> → <c>ETH2.S</c>).</summary>
    public string ToCanonical(string restId)
    {
        ArgumentNullException.ThrowIfNull(restId);
        var dot = restId.IndexOf('.', StringComparison.Ordinal);
        var id = dot > 0 ? restId[..dot] : restId;
        var suffix = dot > 0 ? restId[dot..] : string.Empty;
        var name = _altnames.TryGetValue(id, out var alt) ? alt : LegacyName(id);
        return Rename(name) + suffix;
    }

    /// <summary>The name Kraken's REST filters accept for a canonical code (<c>BTC</c> → <c>XBT</c>).</summary>
    public static string ToRestName(string canonical) =>
        string.Equals(canonical, "BTC", StringComparison.OrdinalIgnoreCase) ? "XBT" : canonical.ToUpperInvariant();

    private static string Rename(string altname) => altname == "XBT" ? "BTC" : altname;

    // An id missing from the Assets response: Kraken's documented legacy convention prefixes 3-letter codes
    // with X (crypto) or Z (fiat), e.g. XETH, ZUSD. Anything else is kept as sent.
    private static string LegacyName(string id) =>
        id.Length == 4 && id[0] is 'X' or 'Z' && id.Skip(1).All(char.IsAsciiLetterUpper) ? id[1..] : id;
}
