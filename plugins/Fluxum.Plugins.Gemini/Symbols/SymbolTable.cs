namespace Fluxum.Plugins.Gemini.Symbols;

/// <summary>
/// The symbols one connection has subscribed, looked up from a frame's bytes without allocating.
/// Slots are never removed, so an index stays valid for per-symbol state arrays.
/// </summary>
internal sealed class SymbolTable
{
    private VenueSymbol[] _items = new VenueSymbol[8];

    public int Count { get; private set; }

    public VenueSymbol this[int index] => _items[index];

    /// <summary>The slot of <paramref name="symbol"/>, adding it when new.</summary>
    public int Add(VenueSymbol symbol)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_items[i].Symbol == symbol.Symbol)
            {
                return i;
            }
        }

        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count] = symbol;
        return Count++;
    }

    /// <summary>The slot whose venue name matches <paramref name="text"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_items[i].Matches(text))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The slot of a canonical symbol, or -1.</summary>
    public int Find(Fluxum.Sdk.Symbol symbol)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_items[i].Symbol == symbol)
            {
                return i;
            }
        }

        return -1;
    }
}
