using System.Text;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Plugins.Kraken.Tests.Support;

/// <summary>A sink that applies book frames to a real <see cref="BookManager"/> and keeps everything else.</summary>
internal sealed class CollectingSink : IFrameSink
{
    private readonly Lock _gate = new();

    public CollectingSink(BookManager? books = null)
    {
        Books = books;
    }

    public BookManager? Books { get; }

    private readonly List<MarketEvent> _events = [];
    private readonly List<string> _malformations = [];
    private readonly Dictionary<Fluxum.Sdk.Symbol, OrderBook> _untruncated = [];
    private readonly Dictionary<Fluxum.Sdk.Symbol, int> _deepestUntruncated = [];
    private readonly List<(BookFrameResult Result, uint? Checksum, bool Snapshot, int Changes)> _bookResults = [];

    // Copies taken under the lock: a socket's receive loop may still be adding while a test reads.

    public MarketEvent[] Events => Copy(_events);

    public string[] Malformations => Copy(_malformations);

    public (BookFrameResult Result, uint? Checksum, bool Snapshot, int Changes)[] BookResults => Copy(_bookResults);

    public void Publish(MarketEvent marketEvent)
    {
        lock (_gate)
        {
            _events.Add(marketEvent);
        }
    }

    public void Book(in BookFrame frame)
    {
        var result = Books?.Apply(frame) ?? BookFrameResult.Applied;
        lock (_gate)
        {
            _bookResults.Add((result, frame.Checksum, frame.IsSnapshot, frame.Changes.Length));
            if (!_untruncated.TryGetValue(frame.Symbol, out var book))
            {
                book = new OrderBook(frame.Symbol);
                _untruncated[frame.Symbol] = book;
            }

            if (frame.IsSnapshot)
            {
                book.ApplySnapshot(frame.Changes);
            }
            else
            {
                foreach (var change in frame.Changes)
                {
                    book.Apply(change);
                }
            }

            var deepest = Math.Max(book.Bids.Count, book.Asks.Count);
            _deepestUntruncated[frame.Symbol] = Math.Max(deepest, _deepestUntruncated.GetValueOrDefault(frame.Symbol));
        }
    }

    /// <summary>
    /// The most levels a side ever held by the symbol's book as the frames received build it with no truncation
    /// (every frame applied in full, never cut to a depth). Above the subscribed depth means the venue pushed
    /// levels out of the view without deleting them, and the client's truncation dropped them.
    /// </summary>
    public int DeepestUntruncated(Fluxum.Sdk.Symbol symbol)
    {
        lock (_gate)
        {
            return _deepestUntruncated.GetValueOrDefault(symbol);
        }
    }

    public void Malformed(string reason, ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            _malformations.Add(reason + " :: " + Encoding.UTF8.GetString(frame));
        }
    }

    public void BookMalformed(Fluxum.Sdk.Symbol symbol, string reason, ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            _malformations.Add($"{symbol}: {reason} :: {Encoding.UTF8.GetString(frame)}");
            BookMalformedSymbols.Add(symbol);
        }

        Books?.MarkStale(symbol, reason, requestResync: true);
    }

    /// <summary>As the host does it on the connection that carries the books: every book stale, each resynced.</summary>
    public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            _malformations.Add(reason + " :: " + Encoding.UTF8.GetString(frame));
            Unattributed.Add(reason);
        }

        Books?.MarkAllStale(reason, requestResync: true);
    }

    /// <summary>The reasons reported through <see cref="UnattributedBookMalformed"/>, in order.</summary>
    public List<string> Unattributed { get; } = [];

    /// <summary>The symbols reported through <see cref="BookMalformed"/>, in order.</summary>
    public List<Fluxum.Sdk.Symbol> BookMalformedSymbols { get; } = [];

    public T[] Of<T>()
    {
        lock (_gate)
        {
            return [.. _events.OfType<T>()];
        }
    }

    private T[] Copy<T>(List<T> items)
    {
        lock (_gate)
        {
            return [.. items];
        }
    }
}
