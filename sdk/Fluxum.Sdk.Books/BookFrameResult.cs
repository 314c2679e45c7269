namespace Fluxum.Sdk.Books;

/// <summary>What the book manager did with a frame.</summary>
public enum BookFrameResult
{
    /// <summary>A snapshot replaced the book, and it passed its checks.</summary>
    Snapshot,

    /// <summary>An update was applied and the book passed its checks.</summary>
    Applied,

    /// <summary>Kept until the next snapshot arrives (buffer policy: before the first snapshot, or while stale).</summary>
    Buffered,

    /// <summary>Dropped: before the snapshot (discard policy), or while the book is stale.</summary>
    Discarded,

    /// <summary>Dropped: its update ids were already applied.</summary>
    Duplicate,

    /// <summary>Dropped: no book is kept for the symbol (not tracked, <see cref="BookManager.TrackedOnly"/>).</summary>
    Untracked,

    /// <summary>The book failed a check (gap, checksum, crossed, invalid level); it is stale and a resync was requested.</summary>
    Failed,
}
