using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <content>Reading books: copies, top of book, and the change streams.</content>
public sealed partial class BookManager
{
    /// <inheritdoc />
    public BookSnapshot? Snapshot(Symbol symbol) => Read(symbol, s => s.Copy(Venue));

    /// <inheritdoc />
    public BookSnapshot? Levels(Symbol symbol, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        return Read(symbol, s => s.Copy(Venue, depth));
    }

    /// <inheritdoc />
    public BookTop? Top(Symbol symbol)
    {
        if (!_books.TryGetValue(symbol, out var state))
        {
            return null;
        }

        lock (state.Gate)
        {
            return state.IsNotGood ? null : state.Book.Top;
        }
    }

    /// <inheritdoc />
    public decimal? Spread(Symbol symbol) => Top(symbol)?.Spread;

    /// <inheritdoc />
    public decimal? Midpoint(Symbol symbol) => Top(symbol)?.Midpoint;

    /// <inheritdoc />
    public bool IsStale(Symbol symbol)
    {
        if (!_books.TryGetValue(symbol, out var state))
        {
            return true;
        }

        lock (state.Gate)
        {
            return state.IsNotGood;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<BookSnapshot> Changes(Symbol symbol, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var state = _books.GetOrAdd(symbol, s => new SymbolBook(s, null));
        var channel = Channel.CreateBounded<BookSnapshot>(
            new BoundedChannelOptions(ChangeBufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            _ => Counters.DroppedChange());
        lock (state.Gate)
        {
            state.Subscribers.Add(channel);
            if (state.Book.HasSnapshot)
            {
                channel.Writer.TryWrite(state.Copy(Venue));
            }
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (state.Gate)
            {
                state.Subscribers.Remove(channel);
            }
        }
    }

    private BookSnapshot? Read(Symbol symbol, Func<SymbolBook, BookSnapshot> copy)
    {
        if (!_books.TryGetValue(symbol, out var state))
        {
            return null;
        }

        lock (state.Gate)
        {
            return state.Book.HasSnapshot || state.Book.Bids.Count + state.Book.Asks.Count > 0 ? copy(state) : null;
        }
    }

    private void PublishChange(SymbolBook state)
    {
        if (state.Subscribers.Count == 0)
        {
            return;
        }

        var snapshot = state.Copy(Venue);
        foreach (var subscriber in state.Subscribers)
        {
            subscriber.Writer.TryWrite(snapshot);
        }
    }
}
