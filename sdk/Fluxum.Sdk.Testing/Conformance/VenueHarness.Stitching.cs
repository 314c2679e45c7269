using Fluxum.Sdk.Books;
using Fluxum.Sdk.MarketData;
using Fluxum.Sdk.Plugins;

namespace Fluxum.Sdk.Testing.Conformance;

/// <summary>Strategy (b) in the harness: each symbol's diffs stitched to REST snapshots by update id, as the host does.</summary>
public sealed partial class VenueHarness
{
    private const int DefaultSnapshotDepth = 1000;
    private const int MaxSnapshotAttempts = 20;
    private static readonly TimeSpan FirstFetchDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<Symbol, Stitching> _stitching = [];
    private int _snapshotsFetched;
    private int _snapshotsTooOld;
    private int _updateIdGaps;

    private void TrackStitching(Symbol symbol, int? depth)
    {
        lock (_stitching)
        {
            if (!_stitching.ContainsKey(symbol))
            {
                _stitching[symbol] = new Stitching(symbol, depth ?? DefaultSnapshotDepth);
            }
        }
    }

    /// <summary>A new connection: the old connection's diffs continue no book, so every symbol syncs again.</summary>
    private void ResetStitching()
    {
        Stitching[] all;
        lock (_stitching)
        {
            all = [.. _stitching.Values];
        }

        foreach (var sync in all)
        {
            lock (sync)
            {
                sync.Generation++;
                sync.Stitcher.Reset();
                sync.Fetching = false;
            }
        }
    }

    /// <summary>The manager found the book bad: drop it and sync again from a new snapshot.</summary>
    private void RestartStitching(Symbol symbol)
    {
        if (Find(symbol) is not { } sync)
        {
            return;
        }

        long generation;
        lock (sync)
        {
            sync.Generation++;
            sync.Stitcher.Reset();
            sync.Fetching = true;
            generation = sync.Generation;
        }

        _ = FetchAsync(sync, generation);
    }

    private Stitching? Find(Symbol symbol)
    {
        lock (_stitching)
        {
            return _stitching.GetValueOrDefault(symbol);
        }
    }

    private void OnBookFrame(in BookFrame frame)
    {
        Sink.Book(frame);
        if (_strategy != BookSync.RestSnapshot)
        {
            return; // The recording sink applied it to the manager.
        }

        if (frame.IsSnapshot || Find(frame.Symbol) is not { } sync)
        {
            Books.Apply(frame); // Not a symbol synced here (the manager reports it), or a snapshot sent on the socket.
            return;
        }

        if (frame.FirstSequence is not { } first || frame.LastSequence is not { } last)
        {
            Sink.BookMalformed(frame.Symbol, "a diff of a venue synced from REST snapshots carries no update ids", []);
            return;
        }

        var start = false;
        long generation;
        lock (sync)
        {
            generation = sync.Generation;
            var diff = new Diff([.. frame.Changes], frame.ReceivedAt, frame.ExchangeTime);
            switch (sync.Stitcher.OnDiff(first, last, diff))
            {
                case DiffOutcome.Apply:
                    Books.Apply(new BookFrame(frame.Symbol, isSnapshot: false, frame.Changes, frame.ReceivedAt) { ExchangeTime = frame.ExchangeTime });
                    break;
                case DiffOutcome.Duplicate:
                    break;
                case DiffOutcome.Gap:
                    Interlocked.Increment(ref _updateIdGaps);
                    Books.MarkStale(frame.Symbol, $"update ids skipped: the next diff starts at {first}; syncing from a new snapshot");
                    start = StartFetch(sync);
                    break;
                case DiffOutcome.Buffered or DiffOutcome.BufferedDroppedOldest:
                    start = StartFetch(sync);
                    break;
                default:
                    Sink.BookMalformed(frame.Symbol, $"a diff's last update id {last} is before its first {first}", []);
                    break;
            }
        }

        if (start)
        {
            _ = FetchAsync(sync, generation);
        }
    }

    private static bool StartFetch(Stitching sync)
    {
        if (sync.Fetching)
        {
            return false;
        }

        sync.Fetching = true;
        return true;
    }

    private async Task FetchAsync(Stitching sync, long generation)
    {
        for (var attempt = 1; attempt <= MaxSnapshotAttempts && !_stop.IsCancellationRequested; attempt++)
        {
            await Task.Delay(attempt == 1 ? FirstFetchDelay : RetryDelay, _stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_stop.IsCancellationRequested || Volatile.Read(ref sync.Generation) != generation)
            {
                return;
            }

            BookSnapshot snapshot;
            try
            {
                snapshot = await _adapter!.FetchBookSnapshotAsync(sync.Symbol, sync.Depth, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Sink.Publish(new VenueError { Venue = _venue, Symbol = sync.Symbol, Message = $"book snapshot attempt {attempt} failed: {e.GetType().Name}: {e.Message}", ReceivedAt = DateTimeOffset.UtcNow });
                continue;
            }

            Interlocked.Increment(ref _snapshotsFetched);
            if (snapshot.Sequence is null)
            {
                Sink.Publish(new VenueError { Venue = _venue, Symbol = sync.Symbol, Message = "FetchBookSnapshotAsync returned a snapshot without its last update id (BookSnapshot.Sequence)", ReceivedAt = DateTimeOffset.UtcNow });
                continue;
            }

            lock (sync)
            {
                if (sync.Generation != generation)
                {
                    return;
                }

                switch (sync.Stitcher.OnSnapshot(snapshot.Sequence.Value, out var diffs))
                {
                    case SnapshotOutcome.Synced:
                        Apply(snapshot, diffs);
                        sync.Fetching = false;
                        return;
                    case SnapshotOutcome.TooOld:
                        Interlocked.Increment(ref _snapshotsTooOld);
                        continue;
                    default:
                        sync.Fetching = false;
                        return;
                }
            }
        }

        lock (sync)
        {
            sync.Fetching = false;
        }
    }

    private void Apply(BookSnapshot snapshot, IReadOnlyList<Diff> diffs)
    {
        var levels = new List<LevelChange>(snapshot.Bids.Count + snapshot.Asks.Count);
        levels.AddRange(snapshot.Bids.Select(l => new LevelChange(BookSide.Bid, l.Price, l.Size, l.OrderCount)));
        levels.AddRange(snapshot.Asks.Select(l => new LevelChange(BookSide.Ask, l.Price, l.Size, l.OrderCount)));
        Books.Apply(new BookFrame(snapshot.Symbol, isSnapshot: true, levels.ToArray(), snapshot.ReceivedAt) { ExchangeTime = snapshot.ExchangeTime });
        foreach (var diff in diffs)
        {
            Books.Apply(new BookFrame(snapshot.Symbol, isSnapshot: false, diff.Changes, diff.ReceivedAt) { ExchangeTime = diff.ExchangeTime });
        }
    }

    private sealed record Diff(LevelChange[] Changes, DateTimeOffset ReceivedAt, DateTimeOffset? ExchangeTime);

    private sealed class Stitching(Symbol symbol, int depth)
    {
        public Symbol Symbol { get; } = symbol;

        public int Depth { get; } = depth;

        public UpdateIdStitcher<Diff> Stitcher { get; } = new();

        public bool Fetching { get; set; }

#pragma warning disable SA1401 // Read with Volatile.Read outside the lock.
        public long Generation;
#pragma warning restore SA1401
    }

    /// <summary>What the protocol decodes into: the recording sink, with the strategy's book handling in between.</summary>
    private sealed class HarnessSink(VenueHarness harness) : IFrameSink
    {
        public void Publish(MarketEvent marketEvent) => harness.Sink.Publish(marketEvent);

        public void Book(in BookFrame frame) => harness.OnBookFrame(frame);

        public void Malformed(string reason, ReadOnlySpan<byte> frame) => harness.Sink.Malformed(reason, frame);

        public void BookMalformed(Symbol symbol, string reason, ReadOnlySpan<byte> frame)
        {
            harness.Sink.BookMalformed(symbol, reason, frame);
            if (harness._strategy == BookSync.RestSnapshot)
            {
                harness.Books.MarkStale(symbol, reason, requestResync: true);
            }
        }

        public void UnattributedBookMalformed(string reason, ReadOnlySpan<byte> frame)
        {
            harness.Sink.UnattributedBookMalformed(reason, frame);
            if (harness._strategy == BookSync.RestSnapshot)
            {
                harness.Books.MarkAllStale(reason, requestResync: true);
            }
        }

        public void ConnectionSequence(long sequence)
        {
            harness.Sink.ConnectionSequence(sequence);
            harness.OnConnectionSequence(sequence);
        }
    }
}
