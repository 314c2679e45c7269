using Fluxum.Sdk.Books;

namespace Fluxum.Benchmarks.Books.Baseline;

/// <summary>
/// BENCHMARK BASELINE ONLY: the SDK's first LevelArray (commit 5b6b3ab), kept verbatim so the current engine can
/// be measured against it on the same machine in the same run. No product code uses it.
/// </summary>
/// <remarks>
/// One side of a book as a sorted array, worst level first and best level last, inside a window
/// [start, start + count) of a larger buffer. Changes near the top shift only the few better levels,
/// and dropping the worst levels (truncation to depth) only moves the window start. No allocation
/// happens per change; the buffer grows only when the side outgrows it.
/// </remarks>
internal sealed class OriginalLevelArray
{
    private readonly bool _isBid;
    private BookLevel[] _buffer;
    private int _start;
    private int _count;

    public OriginalLevelArray(bool isBid, int initialCapacity)
    {
        _isBid = isBid;
        _buffer = new BookLevel[Math.Max(16, initialCapacity)];
        _start = _buffer.Length / 2;
    }

    public int Count => _count;

    public void Clear()
    {
        _count = 0;
        _start = _buffer.Length / 2;
    }

    /// <summary>Sets the size at a price (0 removes). Returns what happened, or null for removing an unknown level.</summary>
    public BookAction? Set(decimal price, decimal size, int? orderCount)
    {
        var index = Search(price);
        if (index >= 0)
        {
            if (size == 0m)
            {
                RemoveAt(index);
                return BookAction.Remove;
            }

            _buffer[_start + index] = new BookLevel(price, size, orderCount);
            return BookAction.Update;
        }

        if (size == 0m)
        {
            return null;
        }

        InsertAt(~index, new BookLevel(price, size, orderCount));
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

    /// <summary>The best level; only valid when <see cref="Count"/> &gt; 0.</summary>
    public BookLevel Best => _buffer[_start + _count - 1];

    // Window order is ascending "goodness": bids ascending by price, asks descending by price.
    private int Compare(decimal a, decimal b) => _isBid ? a.CompareTo(b) : b.CompareTo(a);

    private int Search(decimal price)
    {
        var lo = 0;
        var hi = _count - 1;
        var buffer = _buffer;
        var start = _start;

        // Most changes touch the best levels: check the top before bisecting.
        if (hi >= 0)
        {
            var top = Compare(buffer[start + hi].Price, price);
            if (top == 0)
            {
                return hi;
            }

            if (top < 0)
            {
                return ~_count;
            }
        }

        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = Compare(buffer[start + mid].Price, price);
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

    private void InsertAt(int index, BookLevel level)
    {
        if (index == 0 && _start > 0)
        {
            _start--;
            _count++;
            _buffer[_start] = level;
            return;
        }

        if (_start + _count == _buffer.Length)
        {
            MakeRoomAtEnd();
        }

        var at = _start + index;
        Array.Copy(_buffer, at, _buffer, at + 1, _count - index);
        _buffer[at] = level;
        _count++;
    }

    private void RemoveAt(int index)
    {
        var at = _start + index;
        Array.Copy(_buffer, at + 1, _buffer, at, _count - index - 1);
        _count--;
    }

    private void MakeRoomAtEnd()
    {
        if (_count < _buffer.Length / 2)
        {
            // Plenty of room overall: recentre the window instead of growing.
            var newStart = (_buffer.Length - _count) / 4;
            Array.Copy(_buffer, _start, _buffer, newStart, _count);
            _start = newStart;
            return;
        }

        var grown = new BookLevel[_buffer.Length * 2];
        var start = (grown.Length - _count) / 4;
        Array.Copy(_buffer, _start, grown, start, _count);
        _buffer = grown;
        _start = start;
    }
}
