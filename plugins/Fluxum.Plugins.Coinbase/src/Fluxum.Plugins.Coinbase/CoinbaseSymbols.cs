using Fluxum.Sdk;
using Fluxum.Sdk.Kit;

namespace Fluxum.Plugins.Coinbase;

/// <summary>Coinbase product ids (<c>BTC-USD</c>) and canonical symbols (<c>BTC/USD</c>).</summary>
internal static class CoinbaseSymbols
{
    /// <summary>The product id of <paramref name="symbol"/>.</summary>
    public static string ProductId(Symbol symbol) => $"{symbol.Base}-{symbol.Quote}";

    /// <summary>The symbol of a product id, or null when it is not <c>BASE-QUOTE</c>.</summary>
    public static Symbol? FromProductId(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        var dash = productId.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == productId.Length - 1 || productId.IndexOf('-', dash + 1) >= 0)
        {
            return null;
        }

        return Symbol.TryParse(productId[..dash] + "/" + productId[(dash + 1)..], out var symbol) ? symbol : null;
    }

    /// <summary>A map resolving any <c>BASE-QUOTE</c> id.</summary>
    public static SymbolMap CreateMap() => new(new SymbolMapOptions { Resolve = FromProductId });
}
