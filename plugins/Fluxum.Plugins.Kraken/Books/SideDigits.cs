using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>
/// The checksum text of one side's best levels, kept between frames. Each level owns a slot holding its
/// price digits then its size digits. With the frame's changes at hand (<see cref="Apply"/>), the side is
/// updated like a 10-level book: a changed size re-formats one number, a new level formats two, and only
/// levels that come up from below the top (after deletes) are read from the book. Without them
/// (<see cref="Rebuild"/>) every level is read from the book, reusing the slots of known prices.
/// </summary>
internal sealed class SideDigits
{
    private const int SlotSize = 64;
    private const int Capacity = KrakenChecksum.Levels + 1;

    /// <summary>An entry this long or shorter is copied as one fixed block (the text has that much slack).</summary>
    private const int Block = 32;
    private readonly Entry[] _entries = new Entry[Capacity];
    private readonly Entry[] _scratch = new Entry[Capacity];
    private readonly byte[] _slots = new byte[(Capacity + KrakenChecksum.Levels) * SlotSize];
    private readonly int[] _free = new int[Capacity + KrakenChecksum.Levels];
    private readonly byte[] _text;
    private readonly int _origin;
    private readonly bool _alignEnd;

    /// <summary>Where each entry's text started at the last build; valid below <see cref="_dirtyFrom"/>.</summary>
    private readonly int[] _starts = new int[Capacity + 1];
    private int _dirtyFrom;
    private int _freeCount;
    private int _count;
    private int _length;

    /// <summary>
    /// Creates a side whose text lives in <paramref name="text"/>: ending at <paramref name="origin"/>
    /// (asks, <paramref name="alignEnd"/>) or starting there (bids), so both sides form one contiguous
    /// span and one CRC covers them. The text needs <see cref="Slack"/> bytes past the bids' maximum.
    /// </summary>
    public SideDigits(byte[] text, int origin, bool alignEnd)
    {
        _text = text;
        _origin = origin;
        _alignEnd = alignEnd;
        Reset();
    }

    /// <summary>Bytes a text buffer needs past the end of the bids' maximum text (fixed-size copies overshoot).</summary>
    public const int Slack = Block;

    /// <summary>Bytes one side's text can take.</summary>
    public const int MaxTextLength = KrakenChecksum.Levels * SlotSize;

    /// <summary>This side's text length after the last build.</summary>
    public int Length => _length;


    public void Reset()
    {
        _count = 0;
        _length = 0;
        _dirtyFrom = 0;
        _freeCount = _free.Length;
        for (var i = 0; i < _free.Length; i++)
        {
            _free[i] = i;
        }
    }

    /// <summary>Rebuilds from the book's best <paramref name="levels"/> levels, reusing known prices' slots.</summary>
    public void Rebuild(BookSideView side, int levels, Precision precision)
    {
        RebuildFrom(0, side, levels, precision);
        Concatenate();
    }

    /// <summary>
    /// Applies one frame's changes for this side (in wire order), then reads from the book only the levels
    /// it cannot know (those that rose into the top after deletes). Returns false when the result does not
    /// line up with the book (the caller then rebuilds).
    /// </summary>
    public bool Apply(ReadOnlySpan<LevelChange> changes, BookSide which, BookSideView side, int levels, Precision precision)
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

            var index = Locate(change.Price, which);
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
                    _dirtyFrom = Math.Min(_dirtyFrom, index);
                    ref var e = ref _entries[index];
                    e.Size = change.Size;
                    e.Length = e.PriceLength + DecimalDigits.Write(change.Size, precision.Quantity, SlotSpan(e.Slot)[e.PriceLength..]);
                }

                continue;
            }

            if (IsZero(change.Size))
            {
                continue;
            }

            var at = ~index;
            if (at >= levels)
            {
                continue;
            }

            Insert(at, change.Price, change.Size, precision);
            trusted = at < trusted ? Math.Min(trusted + 1, levels) : trusted;
            if (_count > levels)
            {
                RemoveAt(_count - 1);
            }
        }

        if (!touched)
        {
            // The frame did not touch this side: its levels, and so its text, are as they were.
            return true;
        }

        var n = Math.Min(levels, side.Count);
        if (trusted < n || _count != n)
        {
            RebuildFrom(Math.Min(trusted, _count), side, levels, precision);
        }

        if (_count != n || (n > 0 && Compare(_entries[n - 1].Price, side[n - 1].Price) != 0))
        {
            return false;
        }

        Concatenate();
        return true;
    }

    private void RebuildFrom(int start, BookSideView side, int levels, Precision precision)
    {
        var n = Math.Min(levels, side.Count);
        _dirtyFrom = Math.Min(_dirtyFrom, start);
        var scratch = _scratch;
        var built = 0;
        for (var i = start; i < n; i++)
        {
            var level = side[i];
            var found = -1;
            for (var j = start; j < _count; j++)
            {
                if (_entries[j].Slot >= 0 && Compare(_entries[j].Price, level.Price) == 0)
                {
                    found = j;
                    break;
                }
            }

            Entry entry;
            if (found >= 0)
            {
                entry = _entries[found];
                _entries[found].Slot = -1;
                if (!Same(entry.Size, level.Size))
                {
                    entry.Size = level.Size;
                    entry.Length = entry.PriceLength + DecimalDigits.Write(level.Size, precision.Quantity, SlotSpan(entry.Slot)[entry.PriceLength..]);
                }
            }
            else
            {
                entry = NewEntry(level.Price, level.Size, precision);
            }

            scratch[built++] = entry;
        }

        for (var j = start; j < _count; j++)
        {
            if (_entries[j].Slot >= 0)
            {
                _free[_freeCount++] = _entries[j].Slot;
            }
        }

        scratch.AsSpan(0, built).CopyTo(_entries.AsSpan(start));
        _count = start + built;
    }

    /// <summary>
    /// Lays the entries' digits end to end. For bids (text starting at the origin), entries before the first
    /// one changed since the last build are where they were, so only the rest is copied; asks' text ends at
    /// the origin, so any change moves all of it.
    /// </summary>
    private void Concatenate()
    {
        var from = _alignEnd ? 0 : Math.Min(_dirtyFrom, _count);
        var length = _starts[from];
        for (var i = from; i < _count; i++)
        {
            length += _entries[i].Length;
        }

        if ((uint)length > MaxTextLength)
        {
            throw new InvalidOperationException("checksum text outside its buffer");
        }

        var origin = _alignEnd ? _origin - length : _origin;
        var limit = _alignEnd ? _origin : _text.Length;
        if (origin < 0 || origin + length > limit)
        {
            throw new InvalidOperationException("checksum text outside its buffer");
        }

        // Slots and text are owned here and the total is checked above (each entry starts within the text,
        // and the text has a block of slack past its end): copy without per-entry checks.
        ref var text = ref MemoryMarshal.GetArrayDataReference(_text);
        ref var slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        // A fixed block may overshoot an entry into the next one's place (rewritten next), never past the
        // side's limit (asks: where bids' text starts; bids: the buffer's end); near it, copy exactly.
        var at = _starts[from];
        for (var i = from; i < _count; i++)
        {
            ref readonly var e = ref _entries[i];
            _starts[i] = at;
            ref var source = ref Unsafe.Add(ref slots, e.Slot * SlotSize);
            ref var target = ref Unsafe.Add(ref text, origin + at);
            if (e.Length <= Block && origin + at + Block <= limit)
            {
                Unsafe.WriteUnaligned(ref target, Unsafe.ReadUnaligned<Vector256<byte>>(ref source));
            }
            else
            {
                Unsafe.CopyBlockUnaligned(ref target, ref source, (uint)e.Length);
            }

            at += e.Length;
        }

        _starts[_count] = at;
        _length = length;
        _dirtyFrom = int.MaxValue;
    }

    /// <summary>
    /// The index of the entry at <paramref name="price"/> (by value, whatever its scale), or the bitwise
    /// complement of where it would go: entries are kept best first, so one pass from the top finds both.
    /// </summary>
    private int Locate(decimal price, BookSide which)
    {
        var entries = _entries;
        var worse = which == BookSide.Bid ? -1 : 1;
        var i = 0;
        for (; i < _count; i++)
        {
            var c = Compare(entries[i].Price, price);
            if (c == 0)
            {
                return i;
            }

            if (c == worse)
            {
                break;
            }
        }

        return ~i;
    }

    private void Insert(int at, decimal price, decimal size, Precision precision)
    {
        _dirtyFrom = Math.Min(_dirtyFrom, at);
        Array.Copy(_entries, at, _entries, at + 1, _count - at);
        _entries[at] = NewEntry(price, size, precision);
        _count++;
    }

    private void RemoveAt(int index)
    {
        _dirtyFrom = Math.Min(_dirtyFrom, index);
        _free[_freeCount++] = _entries[index].Slot;
        Array.Copy(_entries, index + 1, _entries, index, _count - index - 1);
        _count--;
    }

    private Entry NewEntry(decimal price, decimal size, Precision precision)
    {
        var slot = _free[--_freeCount];
        var span = SlotSpan(slot);
        var priceLength = DecimalDigits.Write(price, precision.Price, span);
        var length = priceLength + DecimalDigits.Write(size, precision.Quantity, span[priceLength..]);
        return new Entry { Price = price, Size = size, Slot = slot, PriceLength = priceLength, Length = length };
    }

    private Span<byte> SlotSpan(int slot) => _slots.AsSpan(slot * SlotSize, SlotSize);

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

    /// <summary>The layout of <see cref="decimal"/>: flags (sign and scale), high 32 bits, low 64 bits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct DecimalBits
    {
        public readonly int Flags;
        public readonly uint Hi;
        public readonly ulong Lo;
    }

    private struct Entry
    {
        public decimal Price;
        public decimal Size;
        public int Slot;
        public int PriceLength;
        public int Length;
    }
}
