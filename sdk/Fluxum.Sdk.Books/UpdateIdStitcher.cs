namespace Fluxum.Sdk.Books;

/// <summary>
/// Book sync strategy (b) for one symbol: a REST snapshot stitched to a buffered WebSocket diff stream by
/// update ids, as Binance documents it. Each diff covers the update ids <c>First..Last</c> (Binance's
/// <c>U..u</c>); the snapshot carries the id it is current to (<c>lastUpdateId</c>).
/// <list type="number">
/// <item>Until a snapshot is in, diffs are buffered (the newest <see cref="UpdateIdStitcherOptions.MaxBuffered"/>).</item>
/// <item>A snapshot older than the first buffered diff (<c>lastUpdateId &lt; First</c>) is too old: fetch another.</item>
/// <item>Buffered diffs with <c>Last &lt;= lastUpdateId</c> are discarded; the first one kept must cover
/// <c>lastUpdateId + 1</c>; the book is the snapshot, then the kept diffs in order.</item>
/// <item>Live, a diff whose <c>Last</c> is not past the book is a duplicate; one that starts after
/// <c>book + 1</c> is a gap: this symbol's book is lost and the cycle starts again (buffer, fetch).</item>
/// </list>
/// It decides; the caller fetches, applies and reports. Not thread-safe: one symbol's frames arrive in order.
/// </summary>
/// <typeparam name="TDiff">The decoded diff the caller applies.</typeparam>
public sealed class UpdateIdStitcher<TDiff>
{
    private readonly UpdateIdStitcherOptions _options;
    private readonly Queue<(long First, long Last, TDiff Diff)> _buffer = new();
    private long _bookId;

    /// <summary>Creates a stitcher that waits for its first snapshot.</summary>
    public UpdateIdStitcher(UpdateIdStitcherOptions? options = null) => _options = options ?? new UpdateIdStitcherOptions();

    /// <summary>Whether the book is live (synced from a snapshot and applied since) rather than awaiting one.</summary>
    public bool IsLive { get; private set; }

    /// <summary>The update id the book is current to, once live.</summary>
    public long? BookUpdateId => IsLive ? _bookId : null;

    /// <summary>Diffs held while awaiting a snapshot.</summary>
    public int Buffered => _buffer.Count;

    /// <summary>The first update id held (Binance's "U of the first event"), or null.</summary>
    public long? FirstBufferedId => _buffer.TryPeek(out var first) ? first.First : null;

    /// <summary>Snapshots found too old (or not reaching the buffered diffs) since the book was last live.</summary>
    public int SnapshotAttempts { get; private set; }

    /// <summary>
    /// Whether <see cref="OnDiff"/> would keep a diff covering <paramref name="first"/>..<paramref name="last"/> (buffer it
    /// while no book is live, or as the start of the next sync after a gap), so a caller copies a diff's changes only
    /// when they are kept and applies a live one straight from its frame.
    /// </summary>
    public bool Keeps(long first, long last) =>
        last >= first && (!IsLive || (last > _bookId && first > _bookId + 1));

    /// <summary>
    /// Takes one diff in arrival order. Live: tells whether to apply it, drop it as a duplicate, or that a
    /// gap lost the book (it is then buffered as the start of the next sync). Otherwise it is buffered.
    /// </summary>
    public DiffOutcome OnDiff(long first, long last, TDiff diff)
    {
        if (last < first)
        {
            return DiffOutcome.Invalid;
        }

        if (!IsLive)
        {
            return Buffer(first, last, diff);
        }

        if (last <= _bookId)
        {
            return DiffOutcome.Duplicate;
        }

        if (first > _bookId + 1)
        {
            IsLive = false;
            SnapshotAttempts = 0;
            Buffer(first, last, diff);
            return DiffOutcome.Gap;
        }

        _bookId = last;
        return DiffOutcome.Apply;
    }

    /// <summary>
    /// Takes a fetched snapshot current to <paramref name="lastUpdateId"/>. On <see cref="SnapshotOutcome.Synced"/>
    /// the caller sets the book to the snapshot and applies <paramref name="diffs"/> in order; on
    /// <see cref="SnapshotOutcome.TooOld"/> it fetches another (see <see cref="SnapshotAttempts"/>).
    /// </summary>
    public SnapshotOutcome OnSnapshot(long lastUpdateId, out IReadOnlyList<TDiff> diffs)
    {
        diffs = [];
        if (IsLive)
        {
            return SnapshotOutcome.NotAwaited;
        }

        if (_buffer.TryPeek(out var head) && lastUpdateId < head.First)
        {
            SnapshotAttempts++;
            return SnapshotOutcome.TooOld;
        }

        while (_buffer.TryPeek(out head) && head.Last <= lastUpdateId)
        {
            _buffer.Dequeue();
        }

        var apply = new List<TDiff>(_buffer.Count);
        var at = lastUpdateId;
        while (_buffer.TryPeek(out head))
        {
            if (head.First > at + 1)
            {
                // The held diffs do not continue from here (the stream itself skipped ids): what follows
                // cannot be applied to this snapshot; a newer one is needed.
                SnapshotAttempts++;
                return SnapshotOutcome.TooOld;
            }

            apply.Add(head.Diff);
            at = head.Last;
            _buffer.Dequeue();
        }

        _bookId = at;
        IsLive = true;
        SnapshotAttempts = 0;
        diffs = apply;
        return SnapshotOutcome.Synced;
    }

    /// <summary>Drops the book (a failed check, a lost connection): back to buffering for a new snapshot.</summary>
    public void Reset()
    {
        IsLive = false;
        SnapshotAttempts = 0;
        _buffer.Clear();
    }

    private DiffOutcome Buffer(long first, long last, TDiff diff)
    {
        _buffer.Enqueue((first, last, diff));
        if (_buffer.Count <= _options.MaxBuffered)
        {
            return DiffOutcome.Buffered;
        }

        // Keep the newest: a snapshot must then reach the new first id, which the too-old rule checks.
        _buffer.Dequeue();
        return DiffOutcome.BufferedDroppedOldest;
    }
}
