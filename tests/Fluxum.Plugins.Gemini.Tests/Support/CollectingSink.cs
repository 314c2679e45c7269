using System.Collections.Concurrent;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>A frame sink that applies book frames to a real <see cref="BookManager"/> and keeps every event.</summary>
internal sealed class CollectingSink : IFrameSink
{
    public CollectingSink(BookManager books)
    {
        Books = books;
        books.Quality += e => Events.Enqueue(e);
    }

    public BookManager Books { get; }

    public ConcurrentQueue<MarketEvent> Events { get; } = new();

    public ConcurrentQueue<string> Malformations { get; } = new();

    public ConcurrentQueue<(Fluxum.Sdk.Symbol Symbol, bool Snapshot, int Levels, BookFrameResult Result)> Frames { get; } = new();

    public void Publish(MarketEvent marketEvent) => Events.Enqueue(marketEvent);

    public void Book(in BookFrame frame)
    {
        var result = Books.Apply(frame);
        Frames.Enqueue((frame.Symbol, frame.IsSnapshot, frame.Changes.Length, result));
    }

    public void Malformed(string reason, ReadOnlySpan<byte> frame) => Malformations.Enqueue(reason);

    /// <summary>As the host does it: counted as malformed, and the symbol's book marked stale with a resync.</summary>
    public void BookMalformed(Fluxum.Sdk.Symbol symbol, string reason, ReadOnlySpan<byte> frame)
    {
        Malformations.Enqueue($"{symbol}: {reason}");
        BookMalformedSymbols.Enqueue(symbol);
        Books.MarkStale(symbol, $"a book frame could not be applied in full ({reason})", requestResync: true);
    }

    /// <summary>As the host does it on the connection that carries the books: every book stale, each resynced.</summary>
    public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame)
    {
        Malformations.Enqueue(reason);
        Unattributed.Enqueue(reason);
        Books.MarkAllStale($"a frame that may have been a book frame could not be read ({reason})", requestResync: true);
    }

    /// <summary>The reasons reported through <see cref="UnattributedBookMalformed"/>, in order.</summary>
    public ConcurrentQueue<string> Unattributed { get; } = new();

    /// <summary>The symbols reported through <see cref="BookMalformed"/>, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<Fluxum.Sdk.Symbol> BookMalformedSymbols { get; } = new();

    public IEnumerable<T> Of<T>() => Events.OfType<T>();
}
