using Fluxum.Sdk.MarketData;

namespace Fluxum.Sdk.Books;

/// <content>
/// Ordered delivery: what a state change has to announce is queued, under the symbol's lock, in the order
/// the changes happened, and delivered after the lock is released by one thread at a time, so handlers see
/// a "Stale" from one thread and the "Resynced" that followed it from another in that order, and may call
/// back into the manager.
/// </content>
public sealed partial class BookManager
{
    private readonly Lock _noticeGate = new();
    private readonly Queue<Notice> _notices = new();
    private bool _delivering;

    /// <summary>Queues a state change's events, then its resync requests. Called under the symbol's lock.</summary>
    private void Enqueue(Outbox events)
    {
        lock (_noticeGate)
        {
            foreach (var e in events.Events)
            {
                _notices.Enqueue(new Notice(e, default, null));
            }

            foreach (var (symbol, reason) in events.Resyncs)
            {
                _notices.Enqueue(new Notice(null, symbol, reason));
            }
        }
    }

    /// <summary>Queues a deferred resync request. Called under the symbol's lock.</summary>
    private void EnqueueResync(Symbol symbol, string reason)
    {
        lock (_noticeGate)
        {
            _notices.Enqueue(new Notice(null, symbol, reason));
        }
    }

    /// <summary>
    /// Delivers the queued notices, unless another thread is delivering: that thread then delivers these too,
    /// after the ones queued before them. A handler calling back into the manager (e.g. <see cref="MarkStale"/>)
    /// gets its own notices delivered once it returns. Never called under a symbol's lock.
    /// </summary>
    private void Deliver()
    {
        lock (_noticeGate)
        {
            if (_delivering)
            {
                return;
            }

            _delivering = true;
        }

        while (true)
        {
            Notice notice;
            lock (_noticeGate)
            {
                if (!_notices.TryDequeue(out notice))
                {
                    _delivering = false;
                    return;
                }
            }

            // Both raise methods contain handler faults, so nothing escapes this loop and leaves it marked busy.
            if (notice.Quality is { } quality)
            {
                RaiseQuality(quality);
            }
            else
            {
                RaiseResync(notice.Symbol, notice.Reason!);
            }
        }
    }

    /// <summary>A data-quality event, or (with no event) a resync request for a symbol.</summary>
    private readonly record struct Notice(DataQualityEvent? Quality, Symbol Symbol, string? Reason);
}
