using System.Text.Json;
using Fluxum.Plugins.Kraken.Books;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Kraken.Symbols;

/// <summary>One REST pair: its key (<c>XXBTZUSD</c>), altname (<c>XBTUSD</c>), canonical symbol and decimals.</summary>
internal sealed record KrakenPair(string Key, string AltName, Symbol Symbol, Precision Precision);

/// <summary>
/// REST pair names ↔ canonical symbols, from an AssetPairs response and the assets map: the pair's
/// <c>base</c>/<c>quote</c> ids go through <see cref="KrakenAssets"/>, so <c>XXBTZUSD</c> and <c>XBTUSD</c>
/// both become <c>BTC/USD</c>, with <c>pair_decimals</c>/<c>lot_decimals</c> as the book precision.
/// </summary>
internal sealed class KrakenPairs
{
    private readonly Dictionary<string, KrakenPair> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Symbol, KrakenPair> _bySymbol = [];

    public IReadOnlyCollection<KrakenPair> All => _bySymbol.Values;

    public static KrakenPairs FromResult(JsonElement result, KrakenAssets assets)
    {
        var pairs = new KrakenPairs();
        foreach (var p in result.EnumerateObject())
        {
            var v = p.Value;
            if (!v.TryGetProperty("base", out var b) || !v.TryGetProperty("quote", out var q)
                || !v.TryGetProperty("pair_decimals", out var pd) || !v.TryGetProperty("lot_decimals", out var ld))
            {
                continue;
            }

            var symbol = new Symbol(assets.ToCanonical(b.GetString()!), assets.ToCanonical(q.GetString()!));
            var alt = v.TryGetProperty("altname", out var a) ? a.GetString() ?? p.Name : p.Name;
            var pair = new KrakenPair(p.Name, alt, symbol, new Precision(pd.GetInt32(), ld.GetInt32()));
            pairs._byName[p.Name] = pair;
            pairs._byName[alt] = pair;
            if (v.TryGetProperty("wsname", out var ws) && ws.GetString() is { } wsname)
            {
                pairs._byName[wsname] = pair;
            }

            pairs._bySymbol[symbol] = pair;
        }

        return pairs;
    }

    public bool TryGet(string restName, out KrakenPair pair) => _byName.TryGetValue(restName, out pair!);

    public bool TryGet(Symbol symbol, out KrakenPair pair) => _bySymbol.TryGetValue(symbol, out pair!);
}
