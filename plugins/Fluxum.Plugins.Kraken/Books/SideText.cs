using System.Runtime.CompilerServices;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.Kit;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>
/// The checksum text of one side's best levels, kept between frames, with its CRC. The text is always
/// contiguous (each level's price digits then size digits, best first): a change edits it in place,
/// moving only the bytes after the level it touches, so nothing is re-formatted or re-laid that did not
/// change, and the CRC is recomputed only when the text changed.
/// </summary>
internal sealed class SideText
{
    /// <summary>Longest digits of one number: a decimal scaled up to the pair's decimals stays under 40 digits.</summary>
    private const int MaxNumberLength = 40;

    private const int Capacity = KrakenChecksum.Levels + 1;
    private readonly Entry[] _entries = new Entry[Capacity];
    /// <summary>
    /// Where the text starts in <see cref="_text"/>: the bytes before stay zero, so the CRC can run over a
    /// span padded at the front to the length its vectorized path takes whole (see <see cref="Crc32Combine.HashPadded"/>).
    /// </summary>
    private const int Origin = Crc32Combine.ZeroPrefix;

    private readonly byte[] _text = new byte[Origin + (Capacity * 2 * MaxNumberLength)];
    private readonly byte[] _scratch = new byte[Capacity * 2 * MaxNumberLength];
    private readonly bool _isBid;
    private int _count;
    private int _length;
    private uint _crc;
    private bool _crcValid;

    public SideText(bool isBid)
    {
        _isBid = isBid;
    }

    /// <summary>This side's text length.</summary>
    public int Length => _length;

    /// <summary>The CRC-32 of this side's text (computed when the text changed since the last call).</summary>
    public uint Crc
    {
        get
        {
            if (!_crcValid)
            {
                _crc = Crc32Combine.HashPadded(_text, Origin, _length);
                _crcValid = true;
            }

            return _crc;
        }
    }

    public void Reset()
    {
        _count = 0;
        _length = 0;
        _crcValid = false;
    }

    /// <summary>Brings the text in line with the book's best <paramref name="levels"/> levels, keeping what matches.</summary>
    public void Rebuild(BookSideView side, int levels, Precision precision) => MergeFrom(0, side, levels, precision);

    /// <summary>
    /// Applies one frame's changes for this side (in wire order), then reads from the book only the levels
    /// it cannot know (those that rose into the top after deletes). With <paramref name="landed"/> (where
    /// each change landed in the book) no entry is searched for; without it each is located by price.
    /// Returns false when the result does not line up with the book (the caller then rebuilds).
    /// </summary>
    public bool Apply(ReadOnlySpan<LevelChange> changes, ReadOnlySpan<AppliedLevel> landed, BookSide which, BookSideView side, int levels, Precision precision)
    {
        if (landed.Length != changes.Length)
        {
            return ApplyLocating(changes, which, side, levels, precision);
        }

        // Entries [0, trusted) equal the book's best levels at every step: a change landing there is
        // mirrored at the same place; one landing further down is left to the merge at the end.
        var trusted = _count;
        var touched = false;
        for (var i = 0; i < changes.Length; i++)
        {
            ref readonly var change = ref changes[i];
            if (change.Side != which)
            {
                continue;
            }

            touched = true;
            var (action, at) = landed[i];
            if (at < 0 || at > trusted)
            {
                continue;
            }

            switch (action)
            {
                case BookAction.Update when at < trusted:
                    if (Compare(_entries[at].Price, change.Price) != 0)
                    {
                        return false;
                    }

                    if (!Same(_entries[at].Size, change.Size))
                    {
                        SetSize(at, change.Size, precision);
                    }

                    break;
                case BookAction.Remove when at < trusted:
                    if (Compare(_entries[at].Price, change.Price) != 0)
                    {
                        return false;
                    }

                    RemoveAt(at);
                    trusted--;
                    break;
                case BookAction.Add when at < levels:
                    if (_count == levels)
                    {
                        // The worst entry falls past the top.
                        RemoveAt(_count - 1);
                        trusted = Math.Min(trusted, _count);
                    }

                    InsertAt(at, change.Price, change.Size, precision);
                    trusted++;
                    break;
            }
        }

        return !touched || Finish(trusted, side, levels, precision);
    }

    /// <summary>The same, locating each change's entry by price (no landing places known).</summary>
    private bool ApplyLocating(ReadOnlySpan<LevelChange> changes, BookSide which, BookSideView side, int levels, Precision precision)
    {
        var trusted = levels;
        var touched = false;
        foreach (ref readonly var change in changes)
        {
            if (change.Side != which)
            {
                continue;
            }

            touched = true;
            var index = Locate(change.Price);
            if (index >= 0)
            {
                if (IsZero(change.Size))
                {
                    // Entries after the removed one move up, and with them the end of what is known; the
                    // last place is now unknown (a level from below the top may rise into it).
                    RemoveAt(index);
                    trusted = Math.Min(index < trusted ? trusted - 1 : trusted, _count);
                }
                else if (!Same(_entries[index].Size, change.Size))
                {
                    SetSize(index, change.Size, precision);
                }

                continue;
            }

            var at = ~index;
            if (IsZero(change.Size) || at >= levels)
            {
                continue;
            }

            InsertAt(at, change.Price, change.Size, precision);
            trusted = at < trusted ? Math.Min(trusted + 1, levels) : trusted;
            if (_count > levels)
            {
                RemoveAt(_count - 1);
            }
        }

        // A frame that did not touch this side leaves its levels, and so its text, as they were.
        return !touched || Finish(trusted, side, levels, precision);
    }

    /// <summary>Reads from the book the levels after the first <paramref name="trusted"/> entries when they may differ; checks the result.</summary>
    private bool Finish(int trusted, BookSideView side, int levels, Precision precision)
    {
        var n = Math.Min(levels, side.Count);
        if (trusted < n || _count != n)
        {
            MergeFrom(Math.Min(trusted, _count), side, levels, precision);
        }

        return _count == n && (n == 0 || Compare(_entries[n - 1].Price, side[n - 1].Price) == 0);
    }

    /// <summary>
    /// Makes entries from <paramref name="start"/> on equal the book's levels from there: both are sorted best
    /// first, so one merge pass keeps matching entries, drops those the book no longer has and inserts the
    /// levels the text lacks.
    /// </summary>
    private void MergeFrom(int start, BookSideView side, int levels, Precision precision)
    {
        var n = Math.Min(levels, side.Count);
        var i = start;
        while (i < n)
        {
            var level = side[i];
            if (i < _count)
            {
                var c = Compare(_entries[i].Price, level.Price);
                if (c == 0)
                {
                    if (!Same(_entries[i].Size, level.Size))
                    {
                        SetSize(i, level.Size, precision);
                    }

                    i++;
                    continue;
                }

                if (IsBetter(c))
                {
                    // The entry is better than the book's level here: the book no longer has it.
                    RemoveAt(i);
                    continue;
                }
            }

            if (_count >= levels)
            {
                // The worst entry would fall past the top after this insert.
                RemoveAt(_count - 1);
            }

            InsertAt(i, level.Price, level.Size, precision);
            i++;
        }

        while (_count > n)
        {
            RemoveAt(_count - 1);
        }
    }

    /// <summary>Whether an entry comparing as <paramref name="sign"/> (entry − level) is better than the level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsBetter(int sign) => _isBid ? sign > 0 : sign < 0;

    /// <summary>
    /// The index of the entry at <paramref name="price"/> (by value, whatever its scale), or the bitwise
    /// complement of where it would go: entries are kept best first, so one pass from the top finds both.
    /// </summary>
    private int Locate(decimal price)
    {
        var entries = _entries;

        // A level worse than the whole top is common (the level that rises into the 10th place after a
        // delete): one comparison with the last entry settles it.
        if (_count > 0)
        {
            var versusLast = Compare(price, entries[_count - 1].Price);
            if (versusLast != 0 && !IsBetter(versusLast))
            {
                return ~_count;
            }
        }

        var i = 0;
        for (; i < _count; i++)
        {
            var c = Compare(entries[i].Price, price);
            if (c == 0)
            {
                return i;
            }

            if (!IsBetter(c))
            {
                break;
            }
        }

        return ~i;
    }

    private int OffsetOf(int index)
    {
        if (index == _count)
        {
            return _length; // Appending (a level rising into the last place): the text's end.
        }

        var offset = 0;
        for (var i = 0; i < index; i++)
        {
            offset += _entries[i].Length;
        }

        return offset;
    }

    private void SetSize(int index, decimal size, Precision precision)
    {
        Span<byte> digits = stackalloc byte[MaxNumberLength];
        var written = ScaledDigits.Write(size, precision.Quantity, digits);
        ref var entry = ref _entries[index];
        var at = OffsetOf(index) + entry.PriceLength;
        var old = entry.Length - entry.PriceLength;
        if (written != old)
        {
            Shift(at + old, written - old);
        }

        digits[..written].CopyTo(_text.AsSpan(Origin + at));
        entry.Size = size;
        entry.Length = entry.PriceLength + written;
        _crcValid = false;
    }

    private void InsertAt(int index, decimal price, decimal size, Precision precision)
    {
        Span<byte> digits = stackalloc byte[2 * MaxNumberLength];
        var priceLength = ScaledDigits.Write(price, precision.Price, digits);
        var length = priceLength + ScaledDigits.Write(size, precision.Quantity, digits[priceLength..]);
        var at = OffsetOf(index);
        Shift(at, length);
        digits[..length].CopyTo(_text.AsSpan(Origin + at));
        // Entries move one by one (at most ten): a span copy of overlapping ranges calls out to native memmove.
        for (var i = _count; i > index; i--)
        {
            _entries[i] = _entries[i - 1];
        }

        _entries[index] = new Entry { Price = price, Size = size, PriceLength = priceLength, Length = length };
        _count++;
        _crcValid = false;
    }

    private void RemoveAt(int index)
    {
        var length = _entries[index].Length;
        if (index < _count - 1)
        {
            Shift(OffsetOf(index) + length, -length);
            for (var i = index + 1; i < _count; i++)
            {
                _entries[i - 1] = _entries[i];
            }
        }
        else
        {
            _length -= length;
        }

        _count--;
        _crcValid = false;
    }

    /// <summary>Moves the text from <paramref name="from"/> to its end by <paramref name="delta"/> bytes.</summary>
    private void Shift(int from, int delta)
    {
        var tail = _length - from;
        if (tail > 0 && delta != 0)
        {
            // Through a scratch copy: two plain copies cost less than the runtime's memmove of overlapping
            // ranges, which calls out to native code.
            var scratch = _scratch.AsSpan(0, tail);
            _text.AsSpan(Origin + from, tail).CopyTo(scratch);
            scratch.CopyTo(_text.AsSpan(Origin + from + delta));
        }

        _length += delta;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Same(decimal a, decimal b) => Unsafe.As<decimal, UInt128>(ref a) == Unsafe.As<decimal, UInt128>(ref b);

    /// <summary>
    /// The sign of a - b. Prices of one pair share a scale: non-negative values with equal flags compare as
    /// their 96-bit integers; anything else takes the general comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Compare(decimal a, decimal b)
    {
        var x = Unsafe.As<decimal, DecimalBits>(ref a);
        var y = Unsafe.As<decimal, DecimalBits>(ref b);
        if (x.Flags == y.Flags && x.Flags >= 0)
        {
            return x.Hi != y.Hi ? (x.Hi < y.Hi ? -1 : 1) : (x.Lo == y.Lo ? 0 : (x.Lo < y.Lo ? -1 : 1));
        }

        return Math.Sign(decimal.Compare(a, b));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsZero(decimal value)
    {
        var x = Unsafe.As<decimal, DecimalBits>(ref value);
        return (x.Hi | x.Lo) == 0;
    }


    private struct Entry
    {
        public decimal Price;
        public decimal Size;
        public int PriceLength;
        public int Length;
    }
}
