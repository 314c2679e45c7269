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
    private BookLevel[] _buffer;
    private int _start;
    private int _count;

    public LevelArray(bool isBid, int initialCapacity)
    {
        _isBid = isBid;
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
            if (DecimalOrder.IsZero(size))
            {
                RemoveAt(index);
                return BookAction.Remove;
            }

            _buffer[_start + index] = new BookLevel(price, size, orderCount);
            return BookAction.Update;
        }

        if (DecimalOrder.IsZero(size))
        {
            position = -1;
            return null;
        }

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

    private int Search(decimal price)
    {
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
