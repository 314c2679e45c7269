namespace Fluxum.Sdk.Books;

/// <summary>What to do with one diff (see <see cref="UpdateIdStitcher{TDiff}.OnDiff"/>).</summary>
public enum DiffOutcome
{
    /// <summary>Held until a snapshot is in.</summary>
    Buffered,

    /// <summary>Held, and the oldest held diff was dropped to stay within the bound.</summary>
    BufferedDroppedOldest,

    /// <summary>Apply it to the live book.</summary>
    Apply,

    /// <summary>Already in the book (its last id is not past the book's): ignore it.</summary>
    Duplicate,

    /// <summary>Ids were skipped: the book is lost; mark it stale and fetch a snapshot (the diff is held).</summary>
    Gap,

    /// <summary>Its last id is before its first: a malformed diff.</summary>
    Invalid,
}

/// <summary>What a fetched snapshot led to (see <see cref="UpdateIdStitcher{TDiff}.OnSnapshot"/>).</summary>
public enum SnapshotOutcome
{
    /// <summary>The book is the snapshot plus the held diffs returned with it: it is live.</summary>
    Synced,

    /// <summary>The snapshot does not reach the held diffs: fetch another.</summary>
    TooOld,

    /// <summary>The book is live already: this snapshot came too late and is ignored.</summary>
    NotAwaited,
}
