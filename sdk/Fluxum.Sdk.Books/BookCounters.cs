namespace Fluxum.Sdk.Books;

/// <summary>Running totals of a book manager, for monitoring. Safe to read from any thread.</summary>
/// <remarks>
/// Totals counted only by the manager's single writer (the thread calling <see cref="BookManager.Apply"/>)
/// are plain increments published with a volatile write; those a timer or another thread may also count
/// (resyncs, dropped changes, handler faults) stay atomic.
/// </remarks>
public sealed class BookCounters
{
    private long _snapshots;
    private long _updates;
    private long _discarded;
    private long _buffered;
    private long _duplicates;
    private long _checksumFailures;
    private long _checksumsVerified;
    private long _unverifiedFrames;
    private long _gaps;
    private long _crossed;
    private long _resyncRequests;
    private long _droppedChanges;
    private long _handlerFaults;
    private long _untrackedFrames;

    /// <summary>Snapshots applied.</summary>
    public long Snapshots => Volatile.Read(ref _snapshots);

    /// <summary>Update frames applied.</summary>
    public long Updates => Volatile.Read(ref _updates);

    /// <summary>Frames discarded (before snapshot or while stale).</summary>
    public long Discarded => Volatile.Read(ref _discarded);

    /// <summary>Update frames kept for replay after a snapshot (<see cref="PreSnapshotPolicy.Buffer"/>).</summary>
    public long Buffered => Volatile.Read(ref _buffered);

    /// <summary>Frames dropped as duplicates.</summary>
    public long Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Checksum mismatches.</summary>
    public long ChecksumFailures => Volatile.Read(ref _checksumFailures);

    /// <summary>Checksums that matched the local book: with <see cref="ChecksumFailures"/> at 0, this tells "all passed" from "never checked".</summary>
    public long ChecksumsVerified => Volatile.Read(ref _checksumsVerified);

    /// <summary>Frames applied to a book that could not be checked (<see cref="BookFrame.Unverified"/>).</summary>
    public long UnverifiedFrames => Volatile.Read(ref _unverifiedFrames);

    /// <summary>Sequence gaps.</summary>
    public long Gaps => Volatile.Read(ref _gaps);

    /// <summary>Crossed books.</summary>
    public long Crossed => Volatile.Read(ref _crossed);

    /// <summary>Resyncs requested.</summary>
    public long ResyncRequests => Interlocked.Read(ref _resyncRequests);

    /// <summary>Book-change snapshots skipped for slow <see cref="IBookManager.Changes"/> consumers.</summary>
    public long DroppedChanges => Interlocked.Read(ref _droppedChanges);

    /// <summary>Exceptions thrown by event handlers (<see cref="BookManager.Quality"/>, <see cref="BookManager.ResyncRequested"/>, <see cref="BookManager.LevelChanged"/>), contained by the manager.</summary>
    public long HandlerFaults => Interlocked.Read(ref _handlerFaults);

    /// <summary>Book frames dropped because no book is kept for their symbol (<see cref="BookManager.TrackedOnly"/>).</summary>
    public long UntrackedFrames => Volatile.Read(ref _untrackedFrames);

    internal void UntrackedFrame() => Volatile.Write(ref _untrackedFrames, _untrackedFrames + 1);

    internal void HandlerFault() => Interlocked.Increment(ref _handlerFaults);

    internal void Snapshot() => Volatile.Write(ref _snapshots, _snapshots + 1);

    internal void Update() => Volatile.Write(ref _updates, _updates + 1);

    internal void Discard() => Volatile.Write(ref _discarded, _discarded + 1);

    internal void Buffer() => Volatile.Write(ref _buffered, _buffered + 1);

    internal void Duplicate() => Volatile.Write(ref _duplicates, _duplicates + 1);

    internal void ChecksumFailure() => Volatile.Write(ref _checksumFailures, _checksumFailures + 1);

    internal void ChecksumVerified() => Volatile.Write(ref _checksumsVerified, _checksumsVerified + 1);

    internal void UnverifiedFrame() => Volatile.Write(ref _unverifiedFrames, _unverifiedFrames + 1);

    internal void Gap() => Volatile.Write(ref _gaps, _gaps + 1);

    internal void Cross() => Volatile.Write(ref _crossed, _crossed + 1);

    internal void Resync() => Interlocked.Increment(ref _resyncRequests);

    internal void DroppedChange() => Interlocked.Increment(ref _droppedChanges);
}
