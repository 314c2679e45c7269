using System.Collections.Concurrent;
using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <summary>
/// Keeps one venue's books from snapshot and update frames, validating each frame by the venue's
/// <see cref="BookRules"/>. A failed check marks only that symbol stale, reports a
/// <see cref="DataQualityEvent"/> and raises <see cref="ResyncRequested"/> (rate-limited per symbol);
/// the next snapshot makes the book good again.
/// </summary>
/// <remarks>
/// One writer (the venue's receive loop) calls <see cref="Apply"/>; any thread may read. Event handlers
/// must be quick (the host's handlers write to bounded channels). They run outside the book's lock, one at a
/// time per manager, in the order the state changes happened: usually on the thread that made the change (the
/// writer, a <see cref="MarkStale"/> caller, or a <see cref="TimeProvider"/> timer for a deferred resync), but
/// if another thread is delivering at that moment, that thread delivers them after its own, and the call that
/// made the change may return first.
/// A handler that throws never breaks the book or stops the other handlers: the fault is counted in
/// <see cref="BookCounters.HandlerFaults"/> and kept in <see cref="LastHandlerFault"/>.
/// </remarks>
public sealed partial class BookManager : IBookManager
{
    private const int ChangeBufferSize = 16;

    /// <summary>How many untracked symbols are reported one by one; frames of any further ones are only counted.</summary>
    public const int MaxReportedUntrackedSymbols = 1000;

    // Symbols given to Untrack (bounded like the reported ones): their late frames are not a sign of damage.
    private readonly ConcurrentDictionary<Symbol, byte> _formerlyTracked = new();

    // Untracked symbols already reported (written by the single writer only), bounded by MaxReportedUntrackedSymbols.
    private readonly HashSet<Symbol> _reportedUntracked = [];
    private readonly ConcurrentDictionary<Symbol, SymbolBook> _books = new();
    private readonly BookRules _rules;
    private readonly TimeProvider _time;

    // The two symbols last applied: a venue's frames alternate among few symbols, and this skips hashing
    // the symbol's text for the dictionary on every frame. An untracked symbol's state says so and is skipped.
    private SymbolBook? _recent0;
    private SymbolBook? _recent1;

    /// <summary>Creates a manager for <paramref name="venue"/>.</summary>
    public BookManager(string venue, BookRules rules, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(venue);
        ArgumentNullException.ThrowIfNull(rules);
        Venue = venue;
        _rules = rules;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A data-quality event: gap, checksum mismatch, crossed, stale, resynced, early update.</summary>
    public event Action<DataQualityEvent>? Quality;

    /// <summary>A symbol's book needs a fresh snapshot; the handler asks the venue for one.</summary>
    public event Action<Symbol, string>? ResyncRequested;

    /// <summary>
    /// A level changed by an update (live, or replayed after a snapshot), including a removal for each level
    /// pushed out of the subscribed depth. Snapshots replace the whole book and are not itemized here; they
    /// show in <see cref="IBookManager.Changes"/>. Only raised (and only allocated) when someone listens.
    /// </summary>
    public event Action<BookUpdate>? LevelChanged;

    /// <inheritdoc />
    public string Venue { get; }

    /// <summary>The rules this manager checks frames with (the venue's declared <see cref="BookRules"/>).</summary>
    public BookRules Rules => _rules;

    /// <summary>
    /// True (the host's setting): books exist only for symbols given to <see cref="Track"/> (the subscribed ones);
    /// a frame for any other symbol allocates nothing, is counted in <see cref="BookCounters.UntrackedFrames"/> and
    /// dropped, with one <see cref="DataQualityKind.UnsubscribedSymbol"/> event per symbol for the first
    /// <see cref="MaxReportedUntrackedSymbols"/> symbols. False (the default, for tools and tests that feed a
    /// decoder straight in): a frame for a new symbol starts a full-depth book for it.
    /// </summary>
    public bool TrackedOnly { get; init; }

    /// <summary>The last exception an event handler threw (counted in <see cref="BookCounters.HandlerFaults"/>); null if none.</summary>
    public Exception? LastHandlerFault { get; private set; }

    /// <summary>Running totals.</summary>
    public BookCounters Counters { get; } = new();

    /// <inheritdoc />
    public IReadOnlyCollection<Symbol> Symbols => [.. _books.Keys];

    /// <summary>
    /// Starts keeping a book for <paramref name="symbol"/> at <paramref name="depth"/> levels per side. Tracking
    /// a symbol again with another depth replaces its book with an empty one (stale until its next snapshot),
    /// because levels kept at the old depth cannot be trusted at the new one.
    /// </summary>
    public void Track(Symbol symbol, int? depth)
    {
        var state = _books.GetOrAdd(symbol, static (s, d) => new SymbolBook(s, d), depth);
        Outbox? events = null;
        lock (state.Gate)
        {
            if (state.Book.Depth == depth)
            {
                return;
            }

            var hadData = state.Book.HasSnapshot;
            state.Book = new OrderBook(symbol, depth);
            state.Buffer = null;
            if (hadData)
            {
                Fail(state, DataQualityKind.Stale, $"book depth changed to {(depth is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "full")}; waiting for a new snapshot", requestResync: false, ref events);
                PublishChange(state);
            }

            if (events is not null)
            {
                Enqueue(events);
            }
        }

        if (events is not null)
        {
            Deliver();
        }
    }

    /// <summary>
    /// True when <see cref="TrackedOnly"/> and the symbol was never tracked here (nor untracked lately): a book frame
    /// naming it is no late frame of an unsubscribed book but a damaged symbol or a feed that cannot be trusted.
    /// </summary>
    public bool IsUnknown(Symbol symbol) => TrackedOnly && !_books.ContainsKey(symbol) && !_formerlyTracked.ContainsKey(symbol);

    /// <summary>Stops keeping the symbol's book; its change streams end.</summary>
    public void Untrack(Symbol symbol)
    {
        if (_formerlyTracked.Count < MaxReportedUntrackedSymbols)
        {
            _formerlyTracked.TryAdd(symbol, 0);
        }

        if (_books.TryRemove(symbol, out var state))
        {
            state.Removed = true;
            lock (state.Gate)
            {
                state.PendingResync?.Dispose();
                foreach (var subscriber in state.Subscribers)
                {
                    subscriber.Writer.TryComplete();
                }
            }
        }
    }

    /// <summary>Applies one decoded frame. Returns what was done with it.</summary>
    /// <exception cref="ArgumentException">The frame names no symbol (a decoder bug).</exception>
    public BookFrameResult Apply(in BookFrame frame)
    {
        if (frame.Symbol.IsEmpty)
        {
            ThrowNoSymbol();
        }

        var state = Find(frame.Symbol);
        if (state is null)
        {
            return Untracked(frame.Symbol, frame.ReceivedAt);
        }

        Outbox? events = null;
        BookFrameResult result;
        lock (state.Gate)
        {
            state.LastReceivedAt = frame.ReceivedAt;
            state.LastExchangeTime = frame.ExchangeTime;
            result = frame.IsSnapshot ? ApplySnapshot(state, frame, ref events) : ApplyUpdate(state, frame, ref events);
            if (state.Subscribers.Count != 0 && (result is BookFrameResult.Snapshot or BookFrameResult.Applied or BookFrameResult.Failed))
            {
                PublishChange(state);
            }

            if (events is not null)
            {
                Enqueue(events);
            }
        }

        if (events is not null)
        {
            Deliver();
        }

        return result;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNoSymbol() => throw new ArgumentException("A book frame must name its symbol.", "frame");

    /// <summary>A frame for a symbol with no book (<see cref="TrackedOnly"/>): counted, reported once per symbol (bounded). Out of line: rare.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private BookFrameResult Untracked(Symbol symbol, DateTimeOffset receivedAt)
    {
        Counters.UntrackedFrame();
        if (_reportedUntracked.Count < MaxReportedUntrackedSymbols && _reportedUntracked.Add(symbol))
        {
            var events = new Outbox();
            var more = _reportedUntracked.Count == MaxReportedUntrackedSymbols ? $"; frames of further unsubscribed symbols are only counted (after {MaxReportedUntrackedSymbols} reported)" : string.Empty;
            events.Events.Add(new DataQualityEvent
            {
                Venue = Venue,
                Symbol = symbol,
                Kind = DataQualityKind.UnsubscribedSymbol,
                Detail = $"book frames for {symbol}, which is not subscribed: no book is kept, its frames are counted and dropped{more}",
                ReceivedAt = receivedAt == default ? _time.GetUtcNow() : receivedAt,
            });
            Enqueue(events);
            Deliver();
        }

        return BookFrameResult.Untracked;
    }

    private SymbolBook? Find(Symbol symbol)
    {
        var state = Volatile.Read(ref _recent0);
        return state is not null && state.Serves(symbol) ? state : FindOther(symbol, state);
    }

    /// <summary>The symbol is not the one applied last: the other recent one, or the dictionary. Out of line.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private SymbolBook? FindOther(Symbol symbol, SymbolBook? state)
    {
        var other = Volatile.Read(ref _recent1);
        if (other is null || !other.Serves(symbol))
        {
            if (TrackedOnly)
            {
                if (!_books.TryGetValue(symbol, out other))
                {
                    return null;
                }
            }
            else
            {
                other = _books.GetOrAdd(symbol, static s => new SymbolBook(s, null));
            }

            other.SeenAs = symbol.ToString();
        }

        Volatile.Write(ref _recent1, state);
        Volatile.Write(ref _recent0, other);
        return other;
    }

    /// <summary>
    /// Marks a book stale (e.g. the connection dropped) until its next snapshot. With
    /// <paramref name="requestResync"/> a resync is asked for even when the book is already stale or never had a
    /// snapshot (a lost first snapshot must be asked for again), bounded to one outstanding request per symbol;
    /// without it, an outstanding request is void (the connection that carried it is gone) and not retried.
    /// Books the manager does not keep are ignored.
    /// </summary>
    public void MarkStale(Symbol symbol, string reason, bool requestResync = false)
    {
        if (!_books.TryGetValue(symbol, out var state))
        {
            return;
        }

        Outbox? events = null;
        lock (state.Gate)
        {
            if (!requestResync)
            {
                CancelResync(state);
            }

            if (!state.IsStale)
            {
                // The event is about now, not about the last frame.
                state.LastReceivedAt = _time.GetUtcNow();
                state.LastExchangeTime = null;
                Fail(state, DataQualityKind.Stale, reason, requestResync, ref events);
                PublishChange(state);
            }
            else if (requestResync)
            {
                ScheduleResync(state, reason, ref events);
            }

            if (events is not null)
            {
                Enqueue(events);
            }
        }

        if (events is not null)
        {
            Deliver();
        }
    }

    /// <summary>
    /// Marks every book stale: none is served as good until resnapshotted. Without <paramref name="requestResync"/>
    /// (connection lost: the new connection's subscriptions bring the snapshots) no resync is asked; with it
    /// (a frame that may have belonged to any book was lost) each book asks for one, as <see cref="MarkStale"/>.
    /// </summary>
    public void MarkAllStale(string reason, bool requestResync = false)
    {
        foreach (var symbol in _books.Keys)
        {
            MarkStale(symbol, reason, requestResync);
        }
    }
}
