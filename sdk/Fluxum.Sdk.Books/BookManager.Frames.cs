using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <content>Applying frames: snapshots, updates, buffering, and the checks each frame gets.</content>
public sealed partial class BookManager
{
    private BookFrameResult ApplySnapshot(SymbolBook state, in BookFrame frame, ref Outbox? events)
    {
        // A snapshot answers the outstanding resync request, good or not: a failure below asks anew.
        CancelResync(state);
        if (InvalidLevel(frame.Changes) is { } invalid)
        {
            Fail(state, DataQualityKind.Stale, $"snapshot has an invalid level: {invalid}", requestResync: true, ref events);
            return BookFrameResult.Failed;
        }

        var book = state.Book;
        book.ApplySnapshot(frame.Changes);
        state.BookReceivedAt = frame.ReceivedAt;
        state.BookExchangeTime = frame.ExchangeTime;
        book.Sequence = frame.LastSequence;
        Counters.Snapshot();
        state.ReportedEarlyUpdate = false;
        var buffered = state.Buffer;
        state.Buffer = null;

        // The snapshot's own checksum describes the snapshot, before any buffered update is replayed.
        if (!Verify(state, frame.Checksum, frame.Unverified, default, ref events) || (buffered is not null && !Replay(state, buffered, ref events)))
        {
            return BookFrameResult.Failed;
        }

        var wasFailed = state.FailedSinceSnapshot;
        state.IsStale = false;
        state.StaleReason = null;
        state.FailedSinceSnapshot = false;
        if (wasFailed)
        {
            Add(ref events, state, DataQualityKind.Resynced, "a fresh snapshot replaced the stale book");
        }

        return BookFrameResult.Snapshot;
    }

    /// <summary>Applies the updates buffered before the snapshot that are newer than it, each checked as if live.</summary>
    private bool Replay(SymbolBook state, List<BufferedFrame> buffered, ref Outbox? events)
    {
        var book = state.Book;
        var fromSnapshot = true;
        foreach (var pending in buffered)
        {
            var replay = new BookFrame(book.Symbol, false, pending.Changes, pending.ReceivedAt)
            {
                FirstSequence = pending.FirstSequence,
                LastSequence = pending.LastSequence,
                Checksum = pending.Checksum,
                Unverified = pending.Unverified,
            };
            if (InvalidLevel(replay.Changes) is { } invalid)
            {
                Fail(state, DataQualityKind.Stale, $"buffered update has an invalid level: {invalid}", requestResync: true, ref events);
                return false;
            }

            // Judged against the snapshot until one applies, then against the chain of updates.
            switch (CheckSequence(state, replay, ref events, fromSnapshot))
            {
                case SequenceVerdict.Duplicate:
                    // Already contained in the snapshot.
                    Counters.Duplicate();
                    continue;
                case SequenceVerdict.Next:
                    break;
                default:
                    return false;
            }

            fromSnapshot = false;
            ApplyLevels(state, replay);
            book.Sequence = replay.LastSequence ?? book.Sequence;
            Counters.Update();
            if (!Verify(state, replay.Checksum, replay.Unverified, replay.Changes, ref events))
            {
                return false;
            }
        }

        return true;
    }

    private BookFrameResult ApplyUpdate(SymbolBook state, in BookFrame frame, ref Outbox? events)
    {
        var book = state.Book;
        if (!book.HasSnapshot || state.IsStale)
        {
            return HandleWithoutGoodBook(state, frame, ref events);
        }

        if (InvalidLevel(frame.Changes) is { } invalid)
        {
            Fail(state, DataQualityKind.Stale, $"update has an invalid level: {invalid}", requestResync: true, ref events);
            return BookFrameResult.Failed;
        }

        switch (CheckSequence(state, frame, ref events))
        {
            case SequenceVerdict.Duplicate:
                Counters.Duplicate();
                return BookFrameResult.Duplicate;
            case SequenceVerdict.Next:
                break;
            default:
                return BookFrameResult.Failed;
        }

        ApplyLevels(state, frame);
        book.Sequence = frame.LastSequence ?? book.Sequence;
        Counters.Update();
        return Verify(state, frame.Checksum, frame.Unverified, frame.Changes, ref events) ? BookFrameResult.Applied : BookFrameResult.Failed;
    }

    /// <summary>
    /// An update for a book with no good snapshot: before the first one, or while stale and waiting for a
    /// resync. Under <see cref="PreSnapshotPolicy.Buffer"/> it is kept for replay after the next snapshot
    /// (a venue whose snapshot comes from elsewhere, e.g. REST, may deliver it after newer updates);
    /// otherwise it is dropped and counted, with one event per wait for a first snapshot.
    /// </summary>
    private BookFrameResult HandleWithoutGoodBook(SymbolBook state, in BookFrame frame, ref Outbox? events)
    {
        if (_rules.PreSnapshot == PreSnapshotPolicy.Buffer)
        {
            if (state.Buffer is null)
            {
                state.Buffer = [];
                state.BufferedBytes = 0;
            }

            var bytes = (long)frame.Changes.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<LevelChange>();
            if (state.Buffer.Count >= _rules.MaxBufferedFrames || state.BufferedBytes + bytes > _rules.MaxBufferedBytes)
            {
                state.Buffer = null;
                Counters.Discard();
                Counters.Gap();
                Fail(state, DataQualityKind.Gap, $"more than {_rules.MaxBufferedFrames} updates or {_rules.MaxBufferedBytes} bytes of changes arrived before the snapshot; buffer dropped", requestResync: true, ref events);
                return BookFrameResult.Failed;
            }

            state.BufferedBytes += bytes;
            state.Buffer.Add(new BufferedFrame(frame.Changes.ToArray(), frame.FirstSequence, frame.LastSequence, frame.Checksum, frame.ReceivedAt, frame.Unverified));
            Counters.Buffer();
            return BookFrameResult.Buffered;
        }

        Counters.Discard();
        if (!state.Book.HasSnapshot && !state.ReportedEarlyUpdate)
        {
            state.ReportedEarlyUpdate = true;
            Add(ref events, state, DataQualityKind.UpdateBeforeSnapshot, "updates before the first snapshot are discarded until it arrives");
        }

        return BookFrameResult.Discarded;
    }

    private SequenceVerdict CheckSequence(SymbolBook state, in BookFrame frame, ref Outbox? events, bool fromSnapshot = false)
    {
        if (_rules.Sequence == SequenceRule.None)
        {
            // A venue without sequence numbers (one that checks with checksums instead): nothing to judge.
            return SequenceVerdict.Next;
        }

        var last = state.Book.Sequence;
        var verdict = SequenceCheck.Judge(_rules.Sequence, last, frame.FirstSequence, frame.LastSequence, fromSnapshot);
        if (verdict is SequenceVerdict.Missing or SequenceVerdict.Reversed or SequenceVerdict.Gap)
        {
            Counters.Gap();
            Fail(state, DataQualityKind.Gap, DescribeSequenceProblem(verdict, last, frame.FirstSequence, frame.LastSequence), requestResync: true, ref events);
        }

        return verdict;
    }

    // Kept out of line: the text is built only when a check fails, and inlined into the frame path its
    // string-building locals would be zeroed on every frame.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string DescribeSequenceProblem(SequenceVerdict verdict, long? last, long? first, long? lastInFrame) => verdict switch
    {
        SequenceVerdict.Missing => "update carries no sequence number",
        SequenceVerdict.Reversed => $"update range is reversed ({first} > {lastInFrame})",
        _ => $"sequence gap: last applied {last}, next update covers {first ?? lastInFrame}..{lastInFrame}",
    };

    private void ApplyLevels(SymbolBook state, in BookFrame frame)
    {
        var book = state.Book;
        state.BookReceivedAt = frame.ReceivedAt;
        state.BookExchangeTime = frame.ExchangeTime ?? state.BookExchangeTime;
        var listener = LevelChanged;
        var changes = frame.Changes;
        if (state.Landed.Length < changes.Length)
        {
            state.Landed = new AppliedLevel[Math.Max(changes.Length, state.Landed.Length * 2)];
        }

        var landed = state.Landed;
        for (var i = 0; i < changes.Length; i++)
        {
            ref readonly var change = ref changes[i];
            var action = book.ApplyValidated(change, out var position);
            landed[i] = new AppliedLevel(action, position);
            if (listener is not null && action is { } done)
            {
                RaiseLevelChanged(listener, new BookUpdate
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

        if (listener is not null && book.Depth is { } depth)
        {
            // Levels pushed out of the subscribed depth leave the book too: say so, or a listener's copy drifts.
            RaiseTruncated(listener, book.Bids, BookSide.Bid, depth, frame);
            RaiseTruncated(listener, book.Asks, BookSide.Ask, depth, frame);
        }

        book.Truncate();
    }

    private void RaiseTruncated(Action<BookUpdate> listener, BookSideView side, BookSide which, int depth, in BookFrame frame)
    {
        for (var i = depth; i < side.Count; i++)
        {
            RaiseLevelChanged(listener, new BookUpdate
            {
                Venue = Venue,
                Symbol = frame.Symbol,
                Side = which,
                Action = BookAction.Remove,
                Level = side[i] with { Size = 0m },
                ReceivedAt = frame.ReceivedAt,
                ExchangeTime = frame.ExchangeTime,
            });
        }
    }

    /// <summary>A throwing level listener must not leave the frame half applied.</summary>
    private void RaiseLevelChanged(Action<BookUpdate> listener, BookUpdate update)
    {
        try
        {
            listener(update);
        }
        catch (Exception error)
        {
            HandlerFaulted(error);
        }
    }

    /// <summary>
    /// Checks the book after a frame; <paramref name="applied"/> is what an update changed (empty after a snapshot).
    /// <paramref name="unverified"/> says why the frame cannot be checked (null when it can): the book is then
    /// marked unverified, and a later checksum that matches makes it verified again.
    /// </summary>
    private bool Verify(SymbolBook state, uint? expected, string? unverified, ReadOnlySpan<LevelChange> applied, ref Outbox? events)
    {
        var book = state.Book;
        if (_rules.Checksum is { } checksum && expected is { } venueValue)
        {
            var local = checksum.Compute(book.View, applied, applied.IsEmpty ? default : state.Landed.AsSpan(0, applied.Length));
            if (local != venueValue)
            {
                Counters.ChecksumFailure();
                state.ChecksumFailures++;
                Fail(state, DataQualityKind.ChecksumMismatch, $"checksum mismatch: venue {venueValue}, local book {local}", requestResync: true, ref events);
                return false;
            }

            Counters.ChecksumVerified();
            state.ChecksumsVerified++;
            if (state.Unverified is not null)
            {
                Verified(state, ref events);
            }
        }
        else if (unverified is not null)
        {
            Unverifiable(state, unverified, ref events);
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

    /// <summary>A frame that cannot be checked was applied: counted, and the book marked unverified (reported once). Out of line: rare.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Unverifiable(SymbolBook state, string reason, ref Outbox? events)
    {
        Counters.UnverifiedFrame();
        if (state.Unverified is null)
        {
            state.Unverified = reason;
            Add(ref events, state, DataQualityKind.Unverified, $"book unverified, not served as good: {reason}");
        }
    }

    /// <summary>A checksum matched a book that was unverified: it is good again. Out of line: rare.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Verified(SymbolBook state, ref Outbox? events)
    {
        state.Unverified = null;
        Add(ref events, state, DataQualityKind.Resynced, "the venue's checksum verified the book: it is no longer unverified");
    }

    private static string? InvalidLevel(ReadOnlySpan<LevelChange> changes) => AllValid(changes) ? null : DescribeInvalid(changes);

    /// <summary>Every price positive and every size zero or more (the common case, checked without building text).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool AllValid(ReadOnlySpan<LevelChange> changes)
    {
        foreach (ref readonly var change in changes)
        {
            if (!DecimalOrder.IsPositive(change.Price) || DecimalOrder.IsNegative(change.Size))
            {
                return false;
            }
        }

        return true;
    }

    private static string? DescribeInvalid(ReadOnlySpan<LevelChange> changes)
    {
        foreach (ref readonly var change in changes)
        {
            if (!DecimalOrder.IsPositive(change.Price) || DecimalOrder.IsNegative(change.Size))
            {
                return $"{change.Side} {change.Price} x {change.Size}";
            }
        }

        return null;
    }
}
