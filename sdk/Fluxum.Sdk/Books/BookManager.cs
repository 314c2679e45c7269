using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
/// run on the writer's thread and must be quick (the host's handlers write to bounded channels).
/// </remarks>
public sealed class BookManager : IBookManager
{
    private const int ChangeBufferSize = 16;
    private readonly ConcurrentDictionary<Symbol, SymbolBook> _books = new();
    private readonly BookRules _rules;
    private readonly TimeProvider _time;

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

    /// <summary>A level changed. Only raised (and only allocated) when someone listens.</summary>
    public event Action<BookUpdate>? LevelChanged;

    /// <inheritdoc />
    public string Venue { get; }

    /// <summary>Running totals.</summary>
    public BookCounters Counters { get; } = new();

    /// <inheritdoc />
    public IReadOnlyCollection<Symbol> Symbols => [.. _books.Keys];

    /// <summary>Starts keeping a book for <paramref name="symbol"/> at <paramref name="depth"/> levels per side.</summary>
    public void Track(Symbol symbol, int? depth) => _books.GetOrAdd(symbol, s => new SymbolBook(s, depth));

    /// <summary>Stops keeping the symbol's book; its change streams end.</summary>
    public void Untrack(Symbol symbol)
    {
        if (_books.TryRemove(symbol, out var state))
        {
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
    public BookFrameResult Apply(in BookFrame frame)
    {
        var state = _books.GetOrAdd(frame.Symbol, s => new SymbolBook(s, null));
        Outbox? events = null;
        BookFrameResult result;
        lock (state.Gate)
        {
            state.LastReceivedAt = frame.ReceivedAt;
            state.LastExchangeTime = frame.ExchangeTime ?? state.LastExchangeTime;
            result = frame.IsSnapshot ? ApplySnapshot(state, frame, ref events) : ApplyUpdate(state, frame, ref events);
            if (result is BookFrameResult.Snapshot or BookFrameResult.Applied or BookFrameResult.Failed)
            {
                PublishChange(state);
            }
        }

        Raise(events);
        return result;
    }

    /// <summary>Marks a book stale (e.g. the connection dropped) until its next snapshot.</summary>
    public void MarkStale(Symbol symbol, string reason, bool requestResync = false)
    {
        if (!_books.TryGetValue(symbol, out var state))
        {
            return;
        }

        Outbox? events = null;
        lock (state.Gate)
        {
            if (!state.IsStale)
            {
                Fail(state, DataQualityKind.Stale, reason, requestResync, ref events);
                PublishChange(state);
            }
        }

        Raise(events);
    }

    /// <summary>Marks every book stale (connection lost): none is served as good until resnapshotted.</summary>
    public void MarkAllStale(string reason)
    {
        foreach (var symbol in _books.Keys)
        {
            MarkStale(symbol, reason);
        }
    }

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
            return state.IsStale ? null : state.Book.Top;
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
            return state.IsStale;
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

    private BookFrameResult ApplySnapshot(SymbolBook state, in BookFrame frame, ref Outbox? events)
    {
        if (InvalidLevel(frame.Changes) is { } invalid)
        {
            Fail(state, DataQualityKind.Stale, $"snapshot has an invalid level: {invalid}", requestResync: true, ref events);
            return BookFrameResult.Failed;
        }

        var book = state.Book;
        book.ApplySnapshot(frame.Changes);
        book.Sequence = frame.LastSequence;
        Counters.Snapshot();
        state.ReportedEarlyUpdate = false;

        var buffered = state.Buffer;
        state.Buffer = null;
        if (buffered is not null)
        {
            foreach (var pending in buffered)
            {
                if (pending.LastSequence is { } last && book.Sequence is { } applied && last <= applied)
                {
                    continue;
                }

                var replay = new BookFrame(book.Symbol, false, pending.Changes, pending.ReceivedAt)
                {
                    FirstSequence = pending.FirstSequence,
                    LastSequence = pending.LastSequence,
                    Checksum = pending.Checksum,
                };
                if (!CheckSequence(state, replay, ref events, out _))
                {
                    return BookFrameResult.Failed;
                }

                ApplyLevels(state, replay);
                book.Sequence = replay.LastSequence ?? book.Sequence;
            }
        }

        if (!Verify(state, frame.Checksum, ref events))
        {
            return BookFrameResult.Failed;
        }

        var wasFailed = state.FailedSinceSnapshot;
        state.IsStale = false;
        state.StaleReason = null;
        state.FailedSinceSnapshot = false;
        state.PendingResync?.Dispose();
        state.PendingResync = null;
        if (wasFailed)
        {
            Add(ref events, state, DataQualityKind.Resynced, "a fresh snapshot replaced the stale book");
        }

        return BookFrameResult.Snapshot;
    }

    private BookFrameResult ApplyUpdate(SymbolBook state, in BookFrame frame, ref Outbox? events)
    {
        var book = state.Book;
        if (!book.HasSnapshot)
        {
            return HandleEarlyUpdate(state, frame, ref events);
        }

        if (state.IsStale)
        {
            Counters.Discard();
            return BookFrameResult.Discarded;
        }

        if (InvalidLevel(frame.Changes) is { } invalid)
        {
            Fail(state, DataQualityKind.Stale, $"update has an invalid level: {invalid}", requestResync: true, ref events);
            return BookFrameResult.Failed;
        }

        if (!CheckSequence(state, frame, ref events, out var duplicate))
        {
            return BookFrameResult.Failed;
        }

        if (duplicate)
        {
            Counters.Duplicate();
            return BookFrameResult.Duplicate;
        }

        ApplyLevels(state, frame);
        book.Sequence = frame.LastSequence ?? book.Sequence;
        Counters.Update();
        return Verify(state, frame.Checksum, ref events) ? BookFrameResult.Applied : BookFrameResult.Failed;
    }

    private BookFrameResult HandleEarlyUpdate(SymbolBook state, in BookFrame frame, ref Outbox? events)
    {
        if (_rules.PreSnapshot == PreSnapshotPolicy.Buffer)
        {
            state.Buffer ??= [];
            if (state.Buffer.Count >= _rules.MaxBufferedFrames)
            {
                state.Buffer = null;
                Fail(state, DataQualityKind.Gap, $"more than {_rules.MaxBufferedFrames} updates arrived before the snapshot; buffer dropped", requestResync: true, ref events);
                return BookFrameResult.Failed;
            }

            state.Buffer.Add(new BufferedFrame(frame.Changes.ToArray(), frame.FirstSequence, frame.LastSequence, frame.Checksum, frame.ReceivedAt));
            return BookFrameResult.Buffered;
        }

        Counters.Discard();
        if (!state.ReportedEarlyUpdate)
        {
            state.ReportedEarlyUpdate = true;
            Add(ref events, state, DataQualityKind.UpdateBeforeSnapshot, "updates before the first snapshot are discarded until it arrives");
        }

        return BookFrameResult.Discarded;
    }

    private bool CheckSequence(SymbolBook state, in BookFrame frame, ref Outbox? events, out bool duplicate)
    {
        duplicate = false;
        if (_rules.Sequence == SequenceRule.None || state.Book.Sequence is not { } last)
        {
            return true;
        }

        if (frame.LastSequence is not { } lastId)
        {
            Counters.Gap();
            Fail(state, DataQualityKind.Gap, "update carries no sequence number", requestResync: true, ref events);
            return false;
        }

        var firstId = frame.FirstSequence ?? lastId;
        if (firstId > lastId)
        {
            Counters.Gap();
            Fail(state, DataQualityKind.Gap, $"update range is reversed ({firstId} > {lastId})", requestResync: true, ref events);
            return false;
        }

        if (lastId <= last)
        {
            duplicate = true;
            return true;
        }

        var gap = _rules.Sequence switch
        {
            SequenceRule.Contiguous => firstId != last + 1,
            SequenceRule.Overlapping => firstId > last,
            _ => false,
        };
        if (gap)
        {
            Counters.Gap();
            Fail(state, DataQualityKind.Gap, $"sequence gap: last applied {last}, next update starts at {firstId}", requestResync: true, ref events);
            return false;
        }

        return true;
    }

    private void ApplyLevels(SymbolBook state, in BookFrame frame)
    {
        var book = state.Book;
        var listener = LevelChanged;
        foreach (ref readonly var change in frame.Changes)
        {
            var action = book.Apply(change);
            if (listener is not null && action is { } done)
            {
                listener(new BookUpdate
                {
                    Venue = Venue,
                    Symbol = book.Symbol,
                    Side = change.Side,
                    Action = done,
                    Level = new BookLevel(change.Price, change.Size, change.OrderCount),
                    ReceivedAt = frame.ReceivedAt,
                    ExchangeTime = frame.ExchangeTime,
                });
            }
        }

        book.Truncate();
    }

    private bool Verify(SymbolBook state, uint? expected, ref Outbox? events)
    {
        var book = state.Book;
        if (_rules.Checksum is { } checksum && expected is { } venueValue)
        {
            var local = checksum.Compute(book);
            if (local != venueValue)
            {
                Counters.ChecksumFailure();
                Fail(state, DataQualityKind.ChecksumMismatch, $"checksum mismatch: venue {venueValue}, local book {local}", requestResync: true, ref events);
                return false;
            }
        }

        if (_rules.CheckCrossed && book.IsCrossed)
        {
            Counters.Cross();
            var top = book.Top!.Value;
            Fail(state, DataQualityKind.Crossed, $"crossed book: best bid {top.Bid.Price} >= best ask {top.Ask.Price}", requestResync: true, ref events);
            return false;
        }

        return true;
    }

    private void Fail(SymbolBook state, DataQualityKind kind, string detail, bool requestResync, ref Outbox? events)
    {
        var wasStale = state.IsStale && state.FailedSinceSnapshot;
        state.IsStale = true;
        state.FailedSinceSnapshot = true;
        state.StaleReason = detail;
        if (kind != DataQualityKind.Stale)
        {
            Add(ref events, state, kind, detail);
        }

        if (!wasStale)
        {
            Add(ref events, state, DataQualityKind.Stale, $"book marked stale: {detail}");
        }

        if (requestResync)
        {
            ScheduleResync(state, detail, ref events);
        }
    }

    private void ScheduleResync(SymbolBook state, string reason, ref Outbox? events)
    {
        if (state.PendingResync is not null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var wait = state.LastResyncRequest is { } last ? _rules.MinResyncInterval - (now - last) : TimeSpan.Zero;
        if (wait <= TimeSpan.Zero)
        {
            state.LastResyncRequest = now;
            Counters.Resync();
            events ??= new Outbox();
            events.Resyncs.Add((state.Book.Symbol, reason));
            return;
        }

        state.PendingResync = _time.CreateTimer(_ => DeferredResync(state, reason), null, wait, Timeout.InfiniteTimeSpan);
    }

    private void DeferredResync(SymbolBook state, string reason)
    {
        lock (state.Gate)
        {
            state.PendingResync?.Dispose();
            state.PendingResync = null;
            if (!state.IsStale)
            {
                return;
            }

            state.LastResyncRequest = _time.GetUtcNow();
            Counters.Resync();
        }

        RaiseResync(state.Book.Symbol, reason);
    }

    private void RaiseResync(Symbol symbol, string reason) => ResyncRequested?.Invoke(symbol, reason);

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

    private void Add(ref Outbox? events, SymbolBook state, DataQualityKind kind, string detail)
    {
        events ??= new Outbox();
        events.Events.Add(new DataQualityEvent
        {
            Venue = Venue,
            Symbol = state.Book.Symbol,
            Kind = kind,
            Detail = detail,
            ReceivedAt = state.LastReceivedAt == default ? _time.GetUtcNow() : state.LastReceivedAt,
            ExchangeTime = state.LastExchangeTime,
        });
    }

    private void Raise(Outbox? events)
    {
        if (events is null)
        {
            return;
        }

        foreach (var e in events.Events)
        {
            Quality?.Invoke(e);
        }

        foreach (var (symbol, reason) in events.Resyncs)
        {
            RaiseResync(symbol, reason);
        }
    }

    private static string? InvalidLevel(ReadOnlySpan<LevelChange> changes)
    {
        foreach (ref readonly var change in changes)
        {
            if (change.Price <= 0m || change.Size < 0m)
            {
                return $"{change.Side} {change.Price} x {change.Size}";
            }
        }

        return null;
    }

    /// <summary>What a frame's processing has to announce once the symbol's lock is released.</summary>
    private sealed class Outbox
    {
        public List<DataQualityEvent> Events { get; } = [];

        public List<(Symbol Symbol, string Reason)> Resyncs { get; } = [];
    }
}
