namespace Fluxum.Sdk.Books;

/// <summary>
/// A read-only view of one order book as the host holds it, handed to a plugin's <see cref="IBookChecksum"/>.
/// It reads the book's own storage: valid only for the call it was given to.
/// </summary>
public readonly struct BookView
{
    /// <summary>A view of one book.</summary>
    /// <param name="symbol">The book's symbol.</param>
    /// <param name="id">Identifies this book for as long as the host holds it (never reused by another book in the process).</param>
    /// <param name="version">Counts every level change applied to the book (snapshots included); never decreases.</param>
    /// <param name="bids">Bids, best first.</param>
    /// <param name="asks">Asks, best first.</param>
    public BookView(Symbol symbol, long id, long version, BookSideView bids, BookSideView asks)
    {
        Symbol = symbol;
        Id = id;
        Version = version;
        Bids = bids;
        Asks = asks;
    }

    /// <summary>The book's symbol.</summary>
    public Symbol Symbol { get; }

    /// <summary>Identifies this book: per-book state a checksum keeps is keyed by it.</summary>
    public long Id { get; }

    /// <summary>Counts every level change applied to the book; a checksum's cached state is current while it matches.</summary>
    public long Version { get; }

    /// <summary>Bids, best first.</summary>
    public BookSideView Bids { get; }

    /// <summary>Asks, best first.</summary>
    public BookSideView Asks { get; }
}
