using Fluxum.Sdk;
using Fluxum.Sdk.Kit;

namespace Fluxum.Plugins.Binance;

/// <summary>
/// Binance's symbol names: <c>BTCUSDT</c> on REST and in payloads' <c>s</c>, <c>btcusdt</c> in stream names, both
/// <c>BTC/USDT</c> here. A name carries no separator, so an unlisted one is split at a known quote asset (our own
/// heuristic, UNCONFIRMED: the authoritative split is <c>baseAsset</c>/<c>quoteAsset</c> of <c>GET /api/v3/exchangeInfo</c>).
/// </summary>
internal static class BinanceSymbols
{
    /// <summary>Quote assets tried, longest first, when a name is not in the map (our choice of common quotes).</summary>
    private static readonly string[] Quotes = ["FDUSD", "USDT", "USDC", "TUSD", "BUSD", "BTC", "ETH", "BNB", "EUR", "TRY", "BRL", "JPY", "USD"];

    /// <summary>A map that knows <paramref name="listed"/> and resolves other names by quote asset, case-insensitively.</summary>
    public static SymbolMap CreateMap(IEnumerable<Symbol> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var map = new SymbolMap(new SymbolMapOptions { Case = SymbolCase.IgnoreAsciiCase, Resolve = Resolve });
        foreach (var symbol in listed)
        {
            map.Add(StreamName(symbol), symbol);
        }

        return map;
    }

    /// <summary>The REST name: <c>BTC/USDT</c> is <c>BTCUSDT</c>.</summary>
    public static string RestName(Symbol symbol) => (symbol.Base + symbol.Quote).ToUpperInvariant();

    /// <summary>The stream name: <c>BTC/USDT</c> is <c>btcusdt</c> ("All symbols for streams are lowercase").</summary>
    public static string StreamName(Symbol symbol) => (symbol.Base + symbol.Quote).ToLowerInvariant();

    /// <summary>The canonical symbol of a Binance name, split at a known quote asset; null when none fits.</summary>
    public static Symbol? Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var upper = name.ToUpperInvariant();
        foreach (var quote in Quotes)
        {
            if (upper.Length > quote.Length && upper.EndsWith(quote, StringComparison.Ordinal) && IsAlphanumeric(upper))
            {
                return new Symbol(upper[..^quote.Length], quote);
            }
        }

        return null;
    }

    private static bool IsAlphanumeric(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
