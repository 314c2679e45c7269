using Fluxum.Host.Logging;
using Fluxum.Host.MarketData;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Books;

/// <summary>
/// Book-sync strategy <see cref="BookSync.RestSnapshot"/>, run by the host for a venue that declares it: the venue's
/// WebSocket diffs (each covering update ids <see cref="BookFrame.FirstSequence"/>..<see cref="BookFrame.LastSequence"/>)
/// are buffered per symbol, a REST snapshot is fetched through <see cref="IVenueAdapter.FetchBookSnapshotAsync"/>, and
/// the two are stitched by update id (<see cref="UpdateIdStitcher{TDiff}"/>): a snapshot older than the buffered diffs
/// is fetched again, buffered diffs it already includes are discarded, and a gap in the live stream marks that one
/// symbol's book stale and syncs it again. The book manager sees a snapshot frame, then update frames.
/// </summary>
/// <remarks>
/// Frames arrive on the receive loop; snapshots complete on the thread pool. One lock orders the two: the manager
/// has one writer at a time (its contract: a snapshot applied from the pool never races a diff of another symbol
/// applied by the receive loop), and gets each symbol's frames in update-id order. The lock is held only to stitch
/// and apply, never over I/O, so the receive loop waits at most for one snapshot's levels to be applied.
/// </remarks>
internal sealed partial class RestSnapshotSync : IDisposable
{
    private readonly IVenueAdapter _adapter;
    private readonly VenueFeed _feed;
    private readonly RestSnapshotSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<Symbol, SymbolSync> _symbols = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private long _snapshotsFetched;
    private long _snapshotsTooOld;
    private long _snapshotFailures;
    private long _gaps;
    private long _discarded;
    private long _bufferDrops;
    private int _disposed;

    public RestSnapshotSync(IVenueAdapter adapter, VenueFeed feed, RestSnapshotSyncOptions? options, TimeProvider time, ILogger logger)
    {
        _adapter = adapter;
        _feed = feed;
        _options = options ?? RestSnapshotSyncOptions.Default;
        _time = time;
        _logger = logger;
        feed.Books.ResyncRequested += OnResyncRequested;
    }

    /// <summary>Snapshots fetched (each attempt that returned one).</summary>
    public long SnapshotsFetched => Interlocked.Read(ref _snapshotsFetched);

    /// <summary>Snapshots that were older than the buffered diffs, so another was fetched.</summary>
    public long SnapshotsTooOld => Interlocked.Read(ref _snapshotsTooOld);

    /// <summary>Snapshot requests that failed (the venue answered an error, or the call threw).</summary>
    public long SnapshotFailures => Interlocked.Read(ref _snapshotFailures);

    /// <summary>Gaps in the live update ids (each cost that symbol's book a new sync).</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    /// <summary>Diffs dropped as already in the book (buffered before the snapshot, or duplicates).</summary>
    public long Discarded => Interlocked.Read(ref _discarded);

    /// <summary>Buffered diffs dropped to stay within the bound while a snapshot was awaited.</summary>
    public long BufferDrops => Interlocked.Read(ref _bufferDrops);

    /// <summary>A book subscription: its snapshots are fetched at <paramref name="depth"/> (the venue's default when null).</summary>
    public void Track(Symbol symbol, int? depth)
    {
        lock (_gate)
        {
            if (!_symbols.TryGetValue(symbol, out var sync))
            {
                _symbols[symbol] = new SymbolSync(symbol, depth ?? _options.DefaultDepth, _options.MaxBuffered);
            }
            else
            {
                sync.Depth = depth ?? _options.DefaultDepth;
            }
        }
    }

    /// <summary>The subscription ended: its diffs are no longer held.</summary>
    public void Untrack(Symbol symbol)
    {
        lock (_gate)
        {
            if (_symbols.Remove(symbol, out var sync))
            {
                sync.Generation++;
                sync.Stitcher.Reset();
            }
        }
    }

    /// <summary>A new connection: diffs of the old one cannot continue any book, so every symbol syncs again.</summary>
    public void ConnectionOpened()
    {
        lock (_gate)
        {
            foreach (var sync in _symbols.Values)
            {
                sync.Generation++;
                sync.Stitcher.Reset();
                sync.Fetching = false;
            }
        }
    }

    /// <summary>One diff frame from the venue's socket.</summary>
    public void OnFrame(in BookFrame frame)
    {
        var start = false;
        long generation;
        SymbolSync? sync;
        lock (_gate)
        {
            if (!_symbols.TryGetValue(frame.Symbol, out sync) || frame.IsSnapshot)
            {
                // Not a symbol this venue syncs (the manager counts and reports it), or a snapshot sent on the socket.
                _feed.ApplyToBooks(frame);
                return;
            }

            if (frame.FirstSequence is not { } first || frame.LastSequence is not { } last)
            {
                _feed.ReportBookMalformed(frame.Symbol, "a diff of a venue synced from REST snapshots carries no update ids", frame.ReceivedAt);
                return;
            }

            generation = sync.Generation;

            // The changes are copied only when the stitcher keeps the diff; a live one is applied from the frame itself.
            var kept = sync.Stitcher.Keeps(first, last) ? new Diff([.. frame.Changes], frame.ReceivedAt, frame.ExchangeTime) : Diff.NotKept;
            switch (sync.Stitcher.OnDiff(first, last, kept))
            {
                case DiffOutcome.Apply:
                    _feed.ApplyToBooks(Update(frame.Symbol, frame.Changes, frame.ReceivedAt, frame.ExchangeTime));
                    break;
                case DiffOutcome.Duplicate:
                    Interlocked.Increment(ref _discarded);
                    break;
                case DiffOutcome.Gap:
                    Interlocked.Increment(ref _gaps);
                    using (_logger.BeginScope(LogScope.ForSymbol(frame.Symbol)))
                    {
                        LogGap(_logger, _feed.Venue, frame.Symbol.ToString(), sync.Stitcher.FirstBufferedId ?? first);
                    }

                    _feed.Books.MarkStale(frame.Symbol, $"update ids skipped: the book was at {sync.LastApplied}, the next diff starts at {first}; syncing from a new snapshot");
                    start = StartFetch(sync);
                    break;
                case DiffOutcome.BufferedDroppedOldest:
                    Interlocked.Increment(ref _bufferDrops);
                    start = StartFetch(sync);
                    break;
                case DiffOutcome.Buffered:
                    start = StartFetch(sync);
                    break;
                default:
                    _feed.ReportBookMalformed(frame.Symbol, $"a diff's last update id {last} is before its first {first}", frame.ReceivedAt);
                    break;
            }

            sync.LastApplied = sync.Stitcher.BookUpdateId ?? sync.LastApplied;
        }

        if (start)
        {
            _ = FetchAsync(sync, generation);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _feed.Books.ResyncRequested -= OnResyncRequested;
        // Not disposed: a fetch may still be reading the token; cancelling is enough to end every loop.
        _stop.Cancel();
    }

    private static BookFrame Update(Symbol symbol, ReadOnlySpan<LevelChange> changes, DateTimeOffset receivedAt, DateTimeOffset? exchangeTime) =>
        new(symbol, isSnapshot: false, changes, receivedAt) { ExchangeTime = exchangeTime };

    /// <summary>Marks a fetch under way (under the symbol's lock); false when one already is.</summary>
    private static bool StartFetch(SymbolSync sync)
    {
        if (sync.Fetching)
        {
            return false;
        }

        sync.Fetching = true;
        return true;
    }

    private void OnResyncRequested(Symbol symbol, string reason)
    {
        // The manager found the book bad (crossed, a failed check): drop it and sync again from a new snapshot.
        SymbolSync? sync;
        long generation;
        lock (_gate)
        {
            if (!_symbols.TryGetValue(symbol, out sync))
            {
                return;
            }

            sync.Generation++;
            sync.Stitcher.Reset();
            sync.Fetching = true;
            generation = sync.Generation;
        }

        _ = FetchAsync(sync, generation);
    }

    private async Task FetchAsync(SymbolSync sync, long generation)
    {
        using var scope = _logger.BeginScope(LogScope.ForSymbol(sync.Symbol));
        var venue = _feed.Venue;
        var failures = 0;
        for (var attempt = 1; !_stop.IsCancellationRequested; attempt++)
        {
            // The first request waits a moment so some diffs are buffered: the snapshot must reach past the first.
            var pause = failures == _options.MaxAttempts ? _options.GiveUpDelay : attempt == 1 ? _options.FirstFetchDelay : _options.RetryDelay;
            if (failures == _options.MaxAttempts)
            {
                _feed.Report(DataQualityKind.Stale, sync.Symbol, $"no usable book snapshot in {failures} attempts; the book stays stale and is tried again in {pause.TotalSeconds:0} s", _time.GetUtcNow());
                failures = 0;
            }

            await Task.Delay(pause, _time, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_stop.IsCancellationRequested || Volatile.Read(ref sync.GenerationField) != generation)
            {
                return;
            }

            BookSnapshot snapshot;
            try
            {
                snapshot = await _adapter.FetchBookSnapshotAsync(sync.Symbol, sync.Depth, _stop.Token).ConfigureAwait(false);
                if (snapshot?.Sequence is null)
                {
                    throw new InvalidOperationException("the snapshot carries no last update id");
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _snapshotFailures);
                failures++;
                LogSnapshotFailed(_logger, venue, sync.Symbol.ToString(), attempt, e.Message, e);
                continue;
            }

            Interlocked.Increment(ref _snapshotsFetched);
            var lastUpdateId = snapshot.Sequence.Value;
            lock (_gate)
            {
                if (sync.Generation != generation)
                {
                    return; // Reset meanwhile (a reconnect, a failed check): that reset started its own fetch.
                }

                var buffered = sync.Stitcher.Buffered;
                switch (sync.Stitcher.OnSnapshot(lastUpdateId, out var diffs))
                {
                    case SnapshotOutcome.Synced:
                        Interlocked.Add(ref _discarded, buffered - diffs.Count);
                        Apply(snapshot, diffs);
                        sync.LastApplied = sync.Stitcher.BookUpdateId ?? lastUpdateId;
                        sync.Fetching = false;
                        LogSynced(_logger, venue, sync.Symbol.ToString(), lastUpdateId, diffs.Count, buffered - diffs.Count);
                        return;
                    case SnapshotOutcome.TooOld:
                        Interlocked.Increment(ref _snapshotsTooOld);
                        failures++;
                        LogTooOld(_logger, venue, sync.Symbol.ToString(), lastUpdateId, sync.Stitcher.FirstBufferedId ?? 0);
                        continue;
                    default:
                        sync.Fetching = false;
                        return;
                }
            }
        }
    }

    private void Apply(BookSnapshot snapshot, IReadOnlyList<Diff> diffs)
    {
        var levels = new LevelChange[snapshot.Bids.Count + snapshot.Asks.Count];
        var i = 0;
        foreach (var bid in snapshot.Bids)
        {
            levels[i++] = new LevelChange(BookSide.Bid, bid.Price, bid.Size, bid.OrderCount);
        }

        foreach (var ask in snapshot.Asks)
        {
            levels[i++] = new LevelChange(BookSide.Ask, ask.Price, ask.Size, ask.OrderCount);
        }

        _feed.ApplyToBooks(new BookFrame(snapshot.Symbol, isSnapshot: true, levels, snapshot.ReceivedAt) { ExchangeTime = snapshot.ExchangeTime });
        foreach (var diff in diffs)
        {
            _feed.ApplyToBooks(Update(snapshot.Symbol, diff.Changes, diff.ReceivedAt, diff.ExchangeTime));
        }
    }

    [LoggerMessage(EventId = 1331, Level = LogLevel.Information, Message = "{Venue} {Symbol}: book synced from the REST snapshot at update id {LastUpdateId}: {Applied} buffered diff(s) applied, {Discarded} already in it")]
    private static partial void LogSynced(ILogger logger, string venue, string symbol, long lastUpdateId, int applied, int discarded);

    [LoggerMessage(EventId = 1332, Level = LogLevel.Information, Message = "{Venue} {Symbol}: the REST snapshot at update id {LastUpdateId} is older than the first buffered diff ({FirstBuffered}): fetching another")]
    private static partial void LogTooOld(ILogger logger, string venue, string symbol, long lastUpdateId, long firstBuffered);

    [LoggerMessage(EventId = 1333, Level = LogLevel.Warning, Message = "{Venue} {Symbol}: update ids skipped (the stream resumed at {First}): the book is stale until a new snapshot is stitched")]
    private static partial void LogGap(ILogger logger, string venue, string symbol, long first);

    [LoggerMessage(EventId = 1334, Level = LogLevel.Warning, Message = "{Venue} {Symbol}: fetching the book snapshot failed (attempt {Attempt}): {Problem}")]
    private static partial void LogSnapshotFailed(ILogger logger, string venue, string symbol, int attempt, string problem, Exception? exception);

    private sealed record Diff(LevelChange[] Changes, DateTimeOffset ReceivedAt, DateTimeOffset? ExchangeTime)
    {
        /// <summary>Handed to the stitcher for a diff it will not keep (see <see cref="UpdateIdStitcher{TDiff}.Keeps"/>).</summary>
        public static Diff NotKept { get; } = new([], default, null);
    }

    /// <summary>One symbol's sync state; guarded by the sync's one lock.</summary>
    private sealed class SymbolSync(Symbol symbol, int depth, int maxBuffered)
    {
        public Symbol Symbol { get; } = symbol;

        public int Depth { get; set; } = depth;

        public UpdateIdStitcher<Diff> Stitcher { get; } = new(new UpdateIdStitcherOptions { MaxBuffered = maxBuffered });

        /// <summary>A snapshot request is under way.</summary>
        public bool Fetching { get; set; }

        /// <summary>Bumped by every reset (under the lock), so a snapshot requested before it is ignored.</summary>
        public long GenerationField;

        public long Generation
        {
            get => Volatile.Read(ref GenerationField);
            set => Volatile.Write(ref GenerationField, value);
        }

        /// <summary>The update id the book was at when last live (for messages).</summary>
        public long LastApplied { get; set; }
    }
}

/// <summary>Limits and pacing of <see cref="RestSnapshotSync"/>.</summary>
internal sealed record RestSnapshotSyncOptions
{
    public static RestSnapshotSyncOptions Default { get; } = new();

    /// <summary>How long after the first buffered diff the snapshot is requested.</summary>
    public TimeSpan FirstFetchDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long before another snapshot is requested (too old, or the request failed).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Attempts in a row before the book is reported stale and left for <see cref="GiveUpDelay"/>.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The pause after <see cref="MaxAttempts"/> failed attempts.</summary>
    public TimeSpan GiveUpDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The snapshot depth asked for when the subscription names none.</summary>
    public int DefaultDepth { get; init; } = 1000;

    /// <summary>Diffs held per symbol while a snapshot is awaited (the newest kept).</summary>
    public int MaxBuffered { get; init; } = 10_000;
}
