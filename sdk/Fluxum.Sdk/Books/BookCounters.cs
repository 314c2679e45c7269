namespace Fluxum.Sdk.Books;

/// <summary>Running totals of a book manager, for monitoring. Safe to read from any thread.</summary>
public sealed class BookCounters
{
    private long _snapshots;
    private long _updates;
    private long _discarded;
    private long _buffered;
    private long _duplicates;
    private long _checksumFailures;
    private long _gaps;
    private long _crossed;
    private long _resyncRequests;
    private long _droppedChanges;
    private long _handlerFaults;

    /// <summary>Snapshots applied.</summary>
    public long Snapshots => Interlocked.Read(ref _snapshots);

    /// <summary>Update frames applied.</summary>
    public long Updates => Interlocked.Read(ref _updates);

    /// <summary>Frames discarded (before snapshot or while stale).</summary>
    public long Discarded => Interlocked.Read(ref _discarded);

    /// <summary>Update frames kept for replay after a snapshot (<see cref="PreSnapshotPolicy.Buffer"/>).</summary>
    public long Buffered => Interlocked.Read(ref _buffered);

    /// <summary>Frames dropped as duplicates.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Checksum mismatches.</summary>
    public long ChecksumFailures => Interlocked.Read(ref _checksumFailures);

    /// <summary>Sequence gaps.</summary>
    public long Gaps => Interlocked.Read(ref _gaps);

    /// <summary>Crossed books.</summary>
    public long Crossed => Interlocked.Read(ref _crossed);

    /// <summary>Resyncs requested.</summary>
    public long ResyncRequests => Interlocked.Read(ref _resyncRequests);

    /// <summary>Book-change snapshots skipped for slow <see cref="IBookManager.Changes"/> consumers.</summary>
    public long DroppedChanges => Interlocked.Read(ref _droppedChanges);

    /// <summary>Exceptions thrown by event handlers (<see cref="BookManager.Quality"/>, <see cref="BookManager.ResyncRequested"/>, <see cref="BookManager.LevelChanged"/>), contained by the manager.</summary>
    public long HandlerFaults => Interlocked.Read(ref _handlerFaults);

    internal void HandlerFault() => Interlocked.Increment(ref _handlerFaults);

    internal void Snapshot() => Interlocked.Increment(ref _snapshots);

    internal void Update() => Interlocked.Increment(ref _updates);

    internal void Discard() => Interlocked.Increment(ref _discarded);

    internal void Buffer() => Interlocked.Increment(ref _buffered);

    internal void Duplicate() => Interlocked.Increment(ref _duplicates);

    internal void ChecksumFailure() => Interlocked.Increment(ref _checksumFailures);

    internal void Gap() => Interlocked.Increment(ref _gaps);

    internal void Cross() => Interlocked.Increment(ref _crossed);

    internal void Resync() => Interlocked.Increment(ref _resyncRequests);

    internal void DroppedChange() => Interlocked.Increment(ref _droppedChanges);
}
