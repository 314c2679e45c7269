namespace Fluxum.Sdk.Books;

/// <summary>
/// A read-only, allocation-free view of one side of an order book, best level first. It reads the
/// book's own storage: valid only until the book next changes (use <see cref="ToArray"/> to keep levels).
/// </summary>
public readonly struct BookSideView
{
    private readonly BookLevel[] _buffer;
    private readonly int _start;
    private readonly int _count;

    /// <summary>
    /// A view of <paramref name="count"/> levels of <paramref name="buffer"/> from <paramref name="start"/>, stored
    /// worst-first (the best level is the last one), as the book engine keeps them.
    /// </summary>
    /// <param name="buffer">The side's storage.</param>
    /// <param name="start">Index of the worst level in <paramref name="buffer"/>.</param>
    /// <param name="count">Levels on the side.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range lies outside <paramref name="buffer"/>.</exception>
    public BookSideView(BookLevel[] buffer, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if ((uint)start > (uint)buffer.Length || (uint)count > (uint)(buffer.Length - start))
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Levels {start}..{start + count} lie outside a buffer of {buffer.Length}.");
        }

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
