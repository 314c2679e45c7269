using System.Collections.Concurrent;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>A pair's decimals: what the book checksum formats prices and quantities to.</summary>
internal readonly record struct Precision(int Price, int Quantity)
{
    /// <summary>The most decimals a price or quantity can have (a decimal's largest scale).</summary>
    public const int MaxDecimals = 28;

    /// <summary>Whether both are decimals counts a checksum can format to (0 to <see cref="MaxDecimals"/>).</summary>
    public static bool IsValid(int price, int quantity) => price is >= 0 and <= MaxDecimals && quantity is >= 0 and <= MaxDecimals;
}

/// <summary>
/// The precisions known for each symbol, filled from the <c>instrument</c> channel or REST AssetPairs.
/// Shared by a connection's decoder (which holds book frames until a symbol's precision is known) and
/// its checksum.
/// </summary>
internal sealed class InstrumentTable
{
    private readonly ConcurrentDictionary<Symbol, Precision> _precisions = new();
    private int _version;

    /// <summary>Bumped on every change, so caches built on an old precision can notice.</summary>
    public int Version => Volatile.Read(ref _version);

    public int Count => _precisions.Count;

    public void Set(Symbol symbol, Precision precision)
    {
        if (_precisions.TryGetValue(symbol, out var known) && known == precision)
        {
            return;
        }

        _precisions[symbol] = precision;
        Interlocked.Increment(ref _version);
    }

    public bool TryGet(Symbol symbol, out Precision precision) => _precisions.TryGetValue(symbol, out precision);
}
