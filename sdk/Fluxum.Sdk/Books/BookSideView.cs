namespace Fluxum.Sdk.Books;

/// <summary>
/// A read-only, allocation-free view of one side of an <see cref="OrderBook"/>, best level first. It reads the
/// book's own storage: valid only until the book next changes (use <see cref="ToArray"/> to keep levels).
/// </summary>
public readonly struct BookSideView
{
    private readonly BookLevel[] _buffer;
    private readonly int _start;
    private readonly int _count;

    internal BookSideView(BookLevel[] buffer, int start, int count)
    {
        _buffer = buffer;
        _start = start;
        _count = count;
    }

    /// <summary>Number of levels.</summary>
    public int Count => _count;

    /// <summary>The level at <paramref name="index"/> (0 = best).</summary>
    public BookLevel this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowOutOfRange(index, _count);
            }

            // Levels are stored worst-first, so changes near the top of the book move the fewest elements.
            return _buffer[_start + _count - 1 - index];
        }
    }

    // Out of line: inlined into every reader, the message's string building would have its locals zeroed on each call.
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(int index, int count) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The side has {count} levels.");

    /// <summary>Copies up to <paramref name="depth"/> levels, best first.</summary>
    public BookLevel[] ToArray(int? depth = null)
    {
        var n = depth is { } d ? Math.Clamp(d, 0, _count) : _count;
        var result = new BookLevel[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = _buffer[_start + _count - 1 - i];
        }

        return result;
    }
}
