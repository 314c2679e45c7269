namespace Fluxum.Sdk.Books;

/// <summary>
/// One side of a book as a sorted array, worst level first and best level last, inside a window
/// [start, start + count) of a larger buffer. Changes near the top shift only the few better levels,
/// and dropping the worst levels (truncation to depth) only moves the window start. No allocation
/// happens per change; the buffer grows only when the side outgrows it.
/// </summary>
internal sealed class LevelArray
{
    private const int TopScan = 8;
    private readonly bool _isBid;

    /// <summary>XORed into a price's low bits to make its key: zero for bids, all ones for asks (keys ascend as goodness does).</summary>
    private readonly ulong _keyMask;
    private BookLevel[] _buffer;
    private int _start;
    private int _count;

    /// <summary>The flags (scale) of the side's common form, taken from the first level of an empty side.</summary>
    private int _formFlags;

    /// <summary>
    /// Levels not of the common form (another scale, a 96-bit integer). While there are none, every level's price is
    /// ordered as its low 64 bits and a price of the same form is found by a branch-free search on those.
    /// </summary>
    private int _irregular;

    public LevelArray(bool isBid, int initialCapacity)
    {
        _isBid = isBid;
        _keyMask = isBid ? 0UL : ulong.MaxValue;
        _buffer = new BookLevel[Math.Max(16, initialCapacity)];
        _start = _buffer.Length / 2;
    }

    public int Count => _count;

    public BookSideView View => new(_buffer, _start, _count);

    /// <summary>The best level; only valid when <see cref="Count"/> &gt; 0.</summary>
    public BookLevel Best => _buffer[_start + _count - 1];

    /// <summary>The best level's price; only valid when <see cref="Count"/> &gt; 0.</summary>
    public decimal BestPrice => _buffer[_start + _count - 1].Price;

    public void Clear()
    {
        _count = 0;
        _irregular = 0;
        _start = _buffer.Length / 2;
    }

    /// <summary>
    /// Sets the size at a price (0 removes). Returns what happened, or null for removing an unknown level;
    /// <paramref name="position"/> is where it happened, counted from the best level (for a removal, where
    /// the level was), or -1 when nothing changed.
    /// </summary>
    public BookAction? Set(decimal price, decimal size, int? orderCount, out int position)
    {
        var index = Search(price);
        if (index >= 0)
        {
            position = _count - 1 - index;
            ref var slot = ref _buffer[_start + index];
            var wasRegular = IsRegular(slot.Price);
            if (DecimalOrder.IsZero(size))
            {
                _irregular -= wasRegular ? 0 : 1;
                RemoveAt(index);
                return BookAction.Remove;
            }

            // The same price may be written at another scale: the level takes the new form.
            _irregular += (wasRegular ? 1 : 0) - (IsRegular(price) ? 1 : 0);
            slot = new BookLevel(price, size, orderCount);
            return BookAction.Update;
        }

        if (DecimalOrder.IsZero(size))
        {
            position = -1;
            return null;
        }

        if (_count == 0)
        {
            _formFlags = DecimalOrder.FlagsOf(price);
            _irregular = 0;
        }

        _irregular += IsRegular(price) ? 0 : 1;
        InsertAt(~index, new BookLevel(price, size, orderCount));
        position = _count - 1 - ~index;
        return BookAction.Add;
    }

    /// <summary>Drops the worst levels beyond <paramref name="depth"/>; returns how many were dropped.</summary>
    public int Truncate(int depth)
    {
        if (_count <= depth)
        {
            return 0;
        }

        var dropped = _count - depth;
        for (var i = 0; _irregular > 0 && i < dropped; i++)
        {
            _irregular -= IsRegular(_buffer[_start + i].Price) ? 0 : 1;
        }

        _start += dropped;
        _count = depth;
        return dropped;
    }

    /// <summary>
    /// Window order is ascending "goodness": bids ascending by price, asks descending. Returns the sign of
    /// (level at <paramref name="position"/>) versus <paramref name="price"/> in that order.
    /// </summary>
    private int CompareAt(int position, decimal price)
    {
        var c = DecimalOrder.Compare(_buffer[position].Price, price);
        return _isBid ? c : -c;
    }

    /// <summary>Of the side's common form, with non-negative flags: ordered as its low 64 bits.</summary>
    private bool IsRegular(decimal price) => _formFlags >= 0 && DecimalOrder.IsLowForm(price, _formFlags, out _);

    private int Search(decimal price)
    {
        if (_irregular == 0 && _count > 0 && _formFlags >= 0 && DecimalOrder.IsLowForm(price, _formFlags, out var low))
        {
            return SearchKeys(low ^ _keyMask);
        }

        var start = _start;
        var i = _count - 1;

        // A level worse than the whole side (one rising into a truncated book's last place) is common.
        if (i >= 0 && CompareAt(start, price) > 0)
        {
            return ~0;
        }

        // Most changes touch the best few levels: walk down from the top before bisecting the rest. One compare
        // with the level where the walk would end tells which: a change at or below it bisects at once.
        var scanEnd = Math.Max(-1, i - TopScan);
        var edge = scanEnd >= 0 ? CompareAt(start + scanEnd, price) : -1;
        if (edge == 0)
        {
            return scanEnd;
        }

        if (edge > 0)
        {
            i = scanEnd - 1;
        }
        else
        {
            for (; i > scanEnd; i--)
            {
                var c = CompareAt(start + i, price);
                if (c == 0)
                {
                    return i;
                }

                if (c < 0)
                {
                    return ~(i + 1);
                }
            }

            // Worse than every level walked, better than the one where the walk ends: right above it.
            return ~(scanEnd + 1);
        }

        var lo = 0;
        var hi = i;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = CompareAt(start + mid, price);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <summary>
    /// <see cref="Search"/> on a side whose levels are all of the common form, for a price of that form, on the
    /// prices' low bits and without data-dependent branches: a change among the best <see cref="TopScan"/> levels
    /// (the most common) counts the levels above it; a deeper one takes a lower bound by halving. One compare with the
    /// level where the top ends tells which.
    /// </summary>
    private int SearchKeys(ulong key)
    {
        ref var first = ref _buffer[_start];
        var count = _count;
        var edge = count - 1 - TopScan;
        int at;
        if (edge < 0 || key > KeyAt(ref first, edge))
        {
            // Every level up to the edge is below the price: it lands under the top levels not below it.
            var notBelow = 0;
            for (var i = Math.Max(edge + 1, 0); i < count; i++)
            {
                notBelow += KeyAt(ref first, i) >= key ? 1 : 0;
            }

            at = count - notBelow;
            return at < count && KeyAt(ref first, at) == key ? at : ~at;
        }

        // The first level not below the price, among the edge and the levels under it.
        at = 0;
        var n = edge + 1;
        while (n > 1)
        {
            // Arithmetic, not a conditional: the JIT would otherwise keep a branch, mispredicted half the time.
            var half = n >> 1;
            at += half & -(KeyAt(ref first, at + half) < key ? 1 : 0);
            n -= half;
        }

        at += KeyAt(ref first, at) < key ? 1 : 0;
        return KeyAt(ref first, at) == key ? at : ~at;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ulong KeyAt(ref BookLevel first, int index) =>
        DecimalOrder.LowOf(System.Runtime.CompilerServices.Unsafe.Add(ref first, index).Price) ^ _keyMask;

    // Inserting or removing moves whichever part of the window is shorter: the worse levels towards the
    // window start, or the better ones towards its end. A change deep in a large book costs no more than
    // one in its middle.
    private void InsertAt(int index, BookLevel level)
    {
        var moveWorse = index < _count - index;
        if (moveWorse ? _start == 0 : _start + _count == _buffer.Length)
        {
            MakeRoom();
        }

        if (moveWorse)
        {
            Move(_start, _start - 1, index);
            _start--;
        }
        else
        {
            Move(_start + index, _start + index + 1, _count - index);
        }

        _buffer[_start + index] = level;
        _count++;
    }

    private void RemoveAt(int index)
    {
        if (index < _count - 1 - index)
        {
            Move(_start, _start + 1, index);
            _start++;
        }
        else
        {
            var at = _start + index;
            Move(at + 1, at, _count - index - 1);
        }

        _count--;
    }

    private void Move(int from, int to, int length)
    {
        var buffer = _buffer;
        if (length > ShortMove)
        {
            // A long move: the runtime's memmove (for overlapping ranges it calls into native code).
            buffer.AsSpan(from, length).CopyTo(buffer.AsSpan(to, length));
            return;
        }

        // The usual move near the top is a few levels: copied here, in the direction that keeps them intact,
        // it costs less than the runtime's call out to native memmove for overlapping ranges.
        if (to < from)
        {
            for (var i = 0; i < length; i++)
            {
                buffer[to + i] = buffer[from + i];
            }
        }
        else
        {
            for (var i = length - 1; i >= 0; i--)
            {
                buffer[to + i] = buffer[from + i];
            }
        }
    }

    /// <summary>Moves of up to this many levels are copied level by level (see <see cref="Move"/>).</summary>
    private const int ShortMove = 16;

    /// <summary>Centres the window, growing the buffer first when it is at least half full.</summary>
    private void MakeRoom()
    {
        var buffer = _count >= _buffer.Length / 2 ? new BookLevel[_buffer.Length * 2] : _buffer;
        var start = (buffer.Length - _count) / 2;
        Array.Copy(_buffer, _start, buffer, start, _count);
        _buffer = buffer;
        _start = start;
    }
}
