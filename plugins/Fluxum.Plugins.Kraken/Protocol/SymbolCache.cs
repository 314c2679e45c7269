using System.Text;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Kraken.Protocol;

/// <summary>
/// Maps the UTF-8 bytes of a v2 symbol (<c>BTC/USD</c>) to a cached <see cref="Symbol"/>. A hit compares
/// bytes and allocates nothing; a new symbol is parsed once. v2 symbols are already canonical.
/// </summary>
internal sealed class SymbolCache
{
    private const int MaxEntries = 4096;
    private byte[][] _keys = new byte[8][];
    private Symbol[] _values = new Symbol[8];
    private int _count;
    private int _last;

    public bool TryGet(ReadOnlySpan<byte> utf8, out Symbol symbol)
    {
        var last = _last;
        if (last < _count && utf8.SequenceEqual(_keys[last]))
        {
            symbol = _values[last];
            return true;
        }

        for (var i = 0; i < _count; i++)
        {
            if (utf8.SequenceEqual(_keys[i]))
            {
                _last = i;
                symbol = _values[i];
                return true;
            }
        }

        return TryAdd(utf8, out symbol);
    }

    private bool TryAdd(ReadOnlySpan<byte> utf8, out Symbol symbol)
    {
        if (!Symbol.TryParse(Encoding.UTF8.GetString(utf8), out symbol))
        {
            return false;
        }

        if (_count == MaxEntries)
        {
            return true;
        }

        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }

        _keys[_count] = utf8.ToArray();
        _values[_count] = symbol;
        _last = _count;
        _count++;
        return true;
    }
}
