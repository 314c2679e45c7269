using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <content>Failures: stale marking, data-quality events and rate-limited resync requests.</content>
public sealed partial class BookManager
{
    private void Fail(SymbolBook state, DataQualityKind kind, string detail, bool requestResync, ref Outbox? events)
    {
        var wasStale = state.IsStale && state.FailedSinceSnapshot;
        state.IsStale = true;
        state.FailedSinceSnapshot = true;
        state.StaleReason = detail;

        // Updates buffered so far chain onto a book that is now broken; the next snapshot starts afresh.
        state.Buffer = null;
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

    /// <summary>
    /// Asks for a resync, bounded: at most one request per symbol is outstanding. A request goes out now, or
    /// once <see cref="BookRules.MinResyncInterval"/> has passed since the last one; while it is unanswered (no
    /// snapshot came) later failures add none, and it is asked again after <see cref="BookRules.ResyncTimeout"/>,
    /// so a lost snapshot (or a lost request) never leaves a book stale for good. A book that never had a
    /// snapshot is resynced the same way.
    /// </summary>
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
            ArmResync(state, reason, _rules.ResyncTimeout);
            return;
        }

        ArmResync(state, reason, wait);
    }

    private void ArmResync(SymbolBook state, string reason, TimeSpan wait) =>
        state.PendingResync = _time.CreateTimer(_ => DeferredResync(state, reason), null, wait, Timeout.InfiniteTimeSpan);

    /// <summary>The outstanding request is answered (a snapshot came) or void (the connection went): no retry.</summary>
    private static void CancelResync(SymbolBook state)
    {
        state.PendingResync?.Dispose();
        state.PendingResync = null;
    }

    /// <summary>A deferred request is due, or an outstanding one timed out: ask (again) while the book is stale.</summary>
    private void DeferredResync(SymbolBook state, string reason)
    {
        lock (state.Gate)
        {
            CancelResync(state);
            if (!state.IsStale || state.Removed)
            {
                return;
            }

            state.LastResyncRequest = _time.GetUtcNow();
            Counters.Resync();
            EnqueueResync(state.Book.Symbol, reason);
            ArmResync(state, reason, _rules.ResyncTimeout);
        }

        Deliver();
    }

    private void RaiseResync(Symbol symbol, string reason)
    {
        try
        {
            ResyncRequested?.Invoke(symbol, reason);
        }
        catch (Exception error)
        {
            HandlerFaulted(error);
        }
    }

    private void RaiseQuality(DataQualityEvent e)
    {
        try
        {
            Quality?.Invoke(e);
        }
        catch (Exception error)
        {
            HandlerFaulted(error);
        }
    }

    /// <summary>
    /// A handler threw. The book's state is already consistent, and the remaining handlers and requests must
    /// still run (a failing data-quality handler must not swallow the resync request), so the fault is
    /// counted and kept in <see cref="LastHandlerFault"/> instead of unwinding the venue's receive loop or,
    /// for a deferred resync, crashing a timer thread.
    /// </summary>
    private void HandlerFaulted(Exception error)
    {
        Counters.HandlerFault();
        LastHandlerFault = error;
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

    /// <summary>What a frame's processing has to announce, queued for delivery before the symbol's lock is released.</summary>
    private sealed class Outbox
    {
        public List<DataQualityEvent> Events { get; } = [];

        public List<(Symbol Symbol, string Reason)> Resyncs { get; } = [];
    }
}
