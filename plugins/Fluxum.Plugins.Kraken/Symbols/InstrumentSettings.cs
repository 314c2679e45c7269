using System.Globalization;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Kraken.Symbols;

/// <summary>
/// The <c>instruments</c> setting: pair precisions given in <c>fluxum.yaml</c>
/// (<c>instruments: { BTC/USD: { price_decimals: 1, qty_decimals: 8 } }</c>), which the host hands over flattened
/// as <c>instruments.BTC/USD.price_decimals</c>. For a capture without <c>instrument</c> messages (a replay of
/// traffic recorded elsewhere), they are what the book checksum formats with.
/// </summary>
internal static class InstrumentSettings
{
    public const string Name = "instruments";
    public const string PriceDecimals = "price_decimals";
    public const string QtyDecimals = "qty_decimals";

    private const string Prefix = Name + ".";

    /// <summary>The precisions configured, with a problem (<c>key path: what is wrong</c>) for each bad entry.</summary>
    public static Dictionary<Symbol, Precision> Read(IReadOnlyDictionary<string, string> settings, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var fields = new SortedDictionary<string, (int? Price, int? Qty)>(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var dot = key.LastIndexOf('.');
            var pair = dot > Prefix.Length ? key[Prefix.Length..dot] : key[Prefix.Length..];
            var field = dot > Prefix.Length ? key[(dot + 1)..] : string.Empty;
            fields.TryGetValue(pair, out var entry);
            if (field is not (PriceDecimals or QtyDecimals))
            {
                problems.Add($"{key}: unknown field '{field}' (expected {PriceDecimals} and {QtyDecimals})");
                continue;
            }

            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var decimals) || decimals > Precision.MaxDecimals)
            {
                problems.Add($"{key}: '{value}' is not a whole number of decimals from 0 to {Precision.MaxDecimals}");
                decimals = -1;
            }

            entry = field == PriceDecimals ? entry with { Price = decimals } : entry with { Qty = decimals };
            fields[pair] = entry;
        }

        var precisions = new Dictionary<Symbol, Precision>();
        foreach (var (pair, (price, qty)) in fields)
        {
            var path = Prefix + pair;
            if (!Symbol.TryParse(pair, out var symbol))
            {
                problems.Add($"{path}: '{pair}' is not a BASE/QUOTE symbol (e.g. BTC/USD)");
                continue;
            }

            if (price is null || qty is null)
            {
                problems.Add($"{path}: needs both {PriceDecimals} and {QtyDecimals} (missing {(price is null ? PriceDecimals : QtyDecimals)})");
                continue;
            }

            if (price >= 0 && qty >= 0)
            {
                precisions[symbol] = new Precision(price.Value, qty.Value);
            }
        }

        return precisions;
    }
}
