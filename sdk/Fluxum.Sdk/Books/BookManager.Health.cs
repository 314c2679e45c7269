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
            EnqueueResync(state.Book.Symbol, reason);
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
