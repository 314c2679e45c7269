namespace Fluxum.Sdk.Books;

/// <summary>
/// Test conveniences: a plugin's <see cref="IBookChecksum"/> computed over an engine <see cref="OrderBook"/>, as the
/// host computes it (the host hands the checksum the book's <see cref="OrderBook.View"/>).
/// </summary>
public static class BookChecksumExtensions
{
    /// <summary>The checksum of the whole <paramref name="book"/> (as after a snapshot).</summary>
    /// <param name="checksum">The plugin's checksum.</param>
    /// <param name="book">The book.</param>
    /// <returns>The checksum.</returns>
    public static uint Compute(this IBookChecksum checksum, OrderBook book)
    {
        ArgumentNullException.ThrowIfNull(checksum);
        ArgumentNullException.ThrowIfNull(book);
        return checksum.Compute(book.View, default, default);
    }

    /// <summary>The checksum of <paramref name="book"/> right after <paramref name="applied"/>, not told where they landed.</summary>
    /// <param name="checksum">The plugin's checksum.</param>
    /// <param name="book">The book.</param>
    /// <param name="applied">One frame's changes, already applied to the book.</param>
    /// <returns>The checksum.</returns>
    public static uint Compute(this IBookChecksum checksum, OrderBook book, ReadOnlySpan<LevelChange> applied)
    {
        ArgumentNullException.ThrowIfNull(checksum);
        ArgumentNullException.ThrowIfNull(book);
        return checksum.Compute(book.View, applied, default);
    }

    /// <summary>The checksum of <paramref name="book"/> right after <paramref name="applied"/>, told where each landed.</summary>
    /// <param name="checksum">The plugin's checksum.</param>
    /// <param name="book">The book.</param>
    /// <param name="applied">One frame's changes, already applied to the book.</param>
    /// <param name="landed">Where each change landed.</param>
    /// <returns>The checksum.</returns>
    public static uint Compute(this IBookChecksum checksum, OrderBook book, ReadOnlySpan<LevelChange> applied, ReadOnlySpan<AppliedLevel> landed)
    {
        ArgumentNullException.ThrowIfNull(checksum);
        ArgumentNullException.ThrowIfNull(book);
        return checksum.Compute(book.View, applied, landed);
    }
}
