using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Host.Publishing;

/// <summary>
/// One venue's way into the publisher, called by its <see cref="MarketData.VenueFeed"/> on the socket path: it only
/// builds an <see cref="Outgoing"/> and offers it to the publisher's bounded buffer (never waits). Level changes
/// raised while a frame is applied are gathered and go out as one book message once the frame is applied, so a
/// consumer applies whole frames; a snapshot the book manager applied, a lost message, or the snapshot interval
/// sends the whole book instead. Every book message takes the book's next sequence, sent or dropped.
/// </summary>
internal sealed class VenueTap
{
    private readonly NatsPublisher _publisher;
    private readonly BookManager _books;
    private readonly Lock _gate = new();
    private readonly Dictionary<Symbol, BookTapState> _states = [];

    internal VenueTap(NatsPublisher publisher, string venue, BookManager books)
    {
        _publisher = publisher;
        Venue = venue;
        _books = books;
        books.LevelChanged += OnLevelChanged;
    }

    /// <summary>The venue.</summary>
    public string Venue { get; }

    /// <summary>A normalized event of the venue: trades, tickers, candles and data-quality events are published.</summary>
    public void Event(MarketEvent marketEvent)
    {
        var kind = marketEvent switch
        {
            Trade => WireKind.Trade,
            Ticker => WireKind.Ticker,
            Ohlc => WireKind.Ohlc,
            DataQualityEvent => WireKind.Quality,
            _ => (WireKind?)null, // account data (ledger, orders) and control events stay in this deployment
        };
        if (kind is not { } k)
        {
            return;
        }

        _publisher.Offer(new Outgoing
        {
            Kind = k,
            Venue = Venue,
            Symbol = marketEvent is SymbolEvent se ? se.Symbol : (marketEvent as DataQualityEvent)?.Symbol,
            Event = marketEvent,
            ReceivedAt = marketEvent.ReceivedAt,
            ExchangeTime = marketEvent.ExchangeTime,
        });
    }

    /// <summary>A book frame was applied (on the thread that applies the venue's frames).</summary>
    public void BookApplied(in BookFrame frame, BookFrameResult result)
    {
        if (result is BookFrameResult.Untracked)
        {
            return;
        }

        lock (_gate)
        {
            var state = State(frame.Symbol);
            var now = _publisher.Time.GetTimestamp();
            var due = _publisher.Time.GetElapsedTime(state.LastSnapshotAt, now) >= _publisher.SnapshotInterval;
            if (result == BookFrameResult.Snapshot || due || state.TakeSnapshotWish())
            {
                state.Pending.Clear();
                if (_books.Snapshot(frame.Symbol) is { } snapshot)
                {
                    state.LastSnapshotAt = now;
                    _publisher.Offer(new Outgoing
                    {
                        Kind = WireKind.Snapshot, Venue = Venue, Symbol = frame.Symbol, Sequence = ++state.Sequence, Snapshot = snapshot,
                        ReceivedAt = frame.ReceivedAt, ExchangeTime = frame.ExchangeTime, Book = state,
                    });
                }

                return;
            }

            if (state.Pending.Count == 0)
            {
                return;
            }

            var changes = state.Pending.ToArray();
            state.Pending.Clear();
            _publisher.Offer(new Outgoing
            {
                Kind = WireKind.Book, Venue = Venue, Symbol = frame.Symbol, Sequence = ++state.Sequence, Changes = changes,
                ReceivedAt = frame.ReceivedAt, ExchangeTime = frame.ExchangeTime, Book = state,
            });
        }
    }

    /// <summary>The last sequence given to a message of <paramref name="symbol"/>'s book (0: none yet).</summary>
    public long SequenceOf(Symbol symbol)
    {
        lock (_gate)
        {
            return _states.TryGetValue(symbol, out var state) ? state.Sequence : 0;
        }
    }

    private void OnLevelChanged(BookUpdate update)
    {
        lock (_gate)
        {
            State(update.Symbol).Pending.Add(new LevelChange(update.Side, update.Level.Price, update.Level.Size, update.Level.OrderCount));
        }
    }

    private BookTapState State(Symbol symbol)
    {
        if (!_states.TryGetValue(symbol, out var state))
        {
            state = new BookTapState();
            _states[symbol] = state;
        }

        return state;
    }
}
