using System.Runtime.CompilerServices;
using System.Text;

namespace Fluxum.Sdk.Kit;

/// <summary>
/// A venue's symbol names as UTF-8 bytes and the canonical <see cref="Symbol"/> each stands for, both ways:
/// a frame's symbol bytes to a slot and its symbol without allocating, and a symbol back to its venue name.
/// Slots are never removed, so a slot number can index a decoder's per-symbol state arrays. Not thread-safe:
/// one map per connection, or a lock around it.
/// </summary>
public sealed class SymbolMap
{
    private readonly SymbolCase _case;
    private readonly int _maxEntries;
    private readonly Func<string, Symbol?>? _resolve;
    private byte[][] _names = new byte[8][];
    private string[] _texts = new string[8];
    private Symbol[] _symbols = new Symbol[8];
    private int _last;
    private long _unknown;
    private long _notRemembered;

    /// <summary>Creates an empty map.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="SymbolMapOptions.MaxEntries"/> is not positive.</exception>
    public SymbolMap(SymbolMapOptions? options = null)
    {
        options ??= new SymbolMapOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxEntries, nameof(options));
        _case = options.Case;
        _maxEntries = options.MaxEntries;
        _resolve = options.Resolve;
    }

    /// <summary>How many names the map holds (slots 0 to Count - 1).</summary>
    public int Count { get; private set; }

    /// <summary>How many lookups found a name the map does not hold and could not resolve.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    /// <summary>How many resolved names were answered but not remembered, the map being full.</summary>
    public long NotRemembered => Interlocked.Read(ref _notRemembered);

    /// <summary>The canonical symbol of <paramref name="slot"/>.</summary>
    public Symbol this[int slot] => _symbols[CheckSlot(slot)];

    /// <summary>The venue's name of <paramref name="slot"/>, as it was added.</summary>
    public string VenueName(int slot) => _texts[CheckSlot(slot)];

    /// <summary>
    /// Adds <paramref name="venueName"/> for <paramref name="symbol"/> and returns its slot; a symbol already
    /// held keeps its slot (and its first name).
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, or the symbol is the empty default.</exception>
    /// <exception cref="InvalidOperationException">The map holds <see cref="SymbolMapOptions.MaxEntries"/> names already.</exception>
    public int Add(string venueName, Symbol symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(venueName);
        if (symbol.IsEmpty)
        {
            throw new ArgumentException("the empty symbol names no instrument", nameof(symbol));
        }

        var existing = Find(symbol);
        if (existing >= 0)
        {
            return existing;
        }

        if (Count == _maxEntries)
        {
            throw new InvalidOperationException($"the symbol map is full ({_maxEntries} names)");
        }

        return Append(Encoding.UTF8.GetBytes(venueName), venueName, symbol);
    }

    /// <summary>The slot whose venue name matches <paramref name="venueName"/> (by the map's case rule), or -1. Never allocates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<byte> venueName)
    {
        var last = _last;
        if (last < Count && Matches(_names[last], venueName))
        {
            return last;
        }

        return Scan(venueName);
    }

    /// <summary>The slot of <paramref name="symbol"/>, or -1.</summary>
    public int Find(Symbol symbol)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_symbols[i] == symbol)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The canonical symbol for a frame's name: a held name without allocating; a new one through
    /// <see cref="SymbolMapOptions.Resolve"/>, remembered while the map has room. False (counted in
    /// <see cref="Unknown"/>) when the name is neither held nor resolvable.
    /// </summary>
    public bool TryGetSymbol(ReadOnlySpan<byte> venueName, out Symbol symbol)
    {
        var slot = Find(venueName);
        if (slot >= 0)
        {
            symbol = _symbols[slot];
            return true;
        }

        return TryResolve(venueName, out symbol);
    }

    /// <summary>The venue's name for <paramref name="symbol"/>, or null when the map does not hold it.</summary>
    public string? VenueName(Symbol symbol) => Find(symbol) is >= 0 and var slot ? _texts[slot] : null;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryResolve(ReadOnlySpan<byte> venueName, out Symbol symbol)
    {
        symbol = default;
        if (_resolve is null || venueName.IsEmpty || _resolve(Encoding.UTF8.GetString(venueName)) is not { IsEmpty: false } resolved)
        {
            Interlocked.Increment(ref _unknown);
            return false;
        }

        symbol = resolved;
        if (Count == _maxEntries)
        {
            Interlocked.Increment(ref _notRemembered);
            return true;
        }

        Append(venueName.ToArray(), Encoding.UTF8.GetString(venueName), resolved);
        return true;
    }

    private int Scan(ReadOnlySpan<byte> venueName)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Matches(_names[i], venueName))
            {
                _last = i;
                return i;
            }
        }

        return -1;
    }

    private int Append(byte[] name, string text, Symbol symbol)
    {
        if (_case == SymbolCase.IgnoreAsciiCase)
        {
            Ascii.ToUpperInPlace(name, out _);
        }

        if (Count == _names.Length)
        {
            var size = Math.Min(Count * 2, _maxEntries);
            Array.Resize(ref _names, size);
            Array.Resize(ref _texts, size);
            Array.Resize(ref _symbols, size);
        }

        _names[Count] = name;
        _texts[Count] = text;
        _symbols[Count] = symbol;
        _last = Count;
        return Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Matches(byte[] held, ReadOnlySpan<byte> text) =>
        _case == SymbolCase.Exact ? text.SequenceEqual(held) : MatchesIgnoringCase(held, text);

    /// <summary>An ASCII case-insensitive match against a name held in upper case.</summary>
    private static bool MatchesIgnoringCase(byte[] upper, ReadOnlySpan<byte> text)
    {
        if (text.Length != upper.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= (byte)'a' and <= (byte)'z')
            {
                c = (byte)(c - 32);
            }

            if (c != upper[i])
            {
                return false;
            }
        }

        return true;
    }

    private int CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"the map holds {Count} names");
        }

        return slot;
    }
}
