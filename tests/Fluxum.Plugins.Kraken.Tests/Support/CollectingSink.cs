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
    private readonly List<(BookFrameResult Result, uint? Checksum, bool Snapshot, int Changes)> _bookResults = [];

    // Copies taken under the lock, so a test may read while another thread is still adding.

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
