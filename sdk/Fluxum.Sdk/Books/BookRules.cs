namespace Fluxum.Sdk.Books;

/// <summary>How a venue's update ids chain from one frame to the next.</summary>
public enum SequenceRule
{
    /// <summary>The venue sends no sequence numbers.</summary>
    None,

    /// <summary>Each frame's first id is the previous frame's last id + 1.</summary>
    Contiguous,

    /// <summary>
    /// Frames overlap at one id (each frame's first id is the previous frame's last): a frame applies when <c>first == last applied &lt; last</c>;
    /// a re-delivery of the last frame (<c>last == last applied</c>) is a duplicate and dropped; any other frame is a
    /// gap, whether it skips ahead (<c>first &gt; last applied</c>) or reaches back (<c>last &lt; last applied</c>, as
    /// every genuine update does after the chain jumped forward). Updates buffered before a separate snapshot
    /// (<see cref="PreSnapshotPolicy.Buffer"/>) are judged against the snapshot's id: those it contains are
    /// duplicates, and the first to apply has <c>first ≤ snapshot id &lt; last</c>.
    /// </summary>
    Overlapping,
}

/// <summary>
/// What to do with updates that arrive while a symbol has no good book: before its first snapshot, and while
/// it is stale waiting for a resync snapshot.
/// </summary>
public enum PreSnapshotPolicy
{
    /// <summary>
    /// Drop them (counted; reported once per wait for a first snapshot, a stale book was already reported):
    /// the snapshot will contain their effect. Right for venues that send the snapshot on the same stream first.
    /// </summary>
    Discard,

    /// <summary>
    /// Keep them and, once the snapshot arrives, replay those newer than its sequence (each checked like a live
    /// update: sequence, checksum, crossed). Right for venues whose snapshot comes separately (REST) and may be
    /// older than updates already received. Without sequence numbers every buffered update is replayed.
    /// </summary>
    Buffer,
}

/// <summary>A venue's book checksum, computed over the local book after a frame was applied.</summary>
public interface IBookChecksum
{
    /// <summary>
    /// The checksum of <paramref name="book"/> as the venue would compute it, right after <paramref name="applied"/>
    /// (one frame's changes, in order; empty for a snapshot or when the host re-verifies a whole book) were applied.
    /// <paramref name="landed"/>[i] says where <paramref name="applied"/>[i] landed, so a checksum that keeps state per
    /// book (keyed by <see cref="BookView.Id"/>) may update that state from the changes instead of re-reading the
    /// book, when <see cref="BookView.Version"/> shows that nothing else changed the book since its last computation.
    /// The host calls it after the plugin's decode returned, never from inside it.
    /// </summary>
    uint Compute(in BookView book, ReadOnlySpan<LevelChange> applied, ReadOnlySpan<AppliedLevel> landed);
}

/// <summary>What one change of a frame did to the book, and where (see <see cref="IBookChecksum"/>).</summary>
/// <param name="Action">What happened; null when the change removed a level the book did not have (nothing changed).</param>
/// <param name="Position">
/// Where on its side, counted from the best level (0) in the book as it was at that moment: where the level now is after
/// an add or update, where it was before a removal; -1 when nothing changed. Levels past the book's depth are
/// still counted here: the book is truncated only after the whole frame.
/// </param>
public readonly record struct AppliedLevel(BookAction? Action, int Position);

/// <summary>The validation a venue's books get; filled in by the plugin.</summary>
public sealed record BookRules
{
    /// <summary>No checksum, no sequence, crossed-book check on, updates before a snapshot discarded.</summary>
    public static BookRules Default { get; } = new();

    /// <summary>The venue's checksum, or null when it sends none.</summary>
    public IBookChecksum? Checksum { get; init; }

    /// <summary>How sequence numbers chain.</summary>
    public SequenceRule Sequence { get; init; } = SequenceRule.None;

    /// <summary>What to do with updates before the first snapshot.</summary>
    public PreSnapshotPolicy PreSnapshot { get; init; } = PreSnapshotPolicy.Discard;

    /// <summary>Treat a crossed book (best bid ≥ best ask) as corrupt.</summary>
    public bool CheckCrossed { get; init; } = true;

    /// <summary>Minimum time between two resync requests for the same symbol.</summary>
    public TimeSpan MinResyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a resync request may stay unanswered (the book still stale, no snapshot) before it is asked
    /// again: at most one request per symbol is outstanding, retried after this time until a snapshot comes.
    /// </summary>
    public TimeSpan ResyncTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many update frames to buffer per symbol while waiting for a snapshot (Buffer policy); one more is a gap.</summary>
    public int MaxBufferedFrames { get; init; } = 1024;

    /// <summary>How many bytes of level changes to buffer per symbol while waiting for a snapshot (Buffer policy); past it, as past <see cref="MaxBufferedFrames"/>.</summary>
    public long MaxBufferedBytes { get; init; } = 4L << 20;

    /// <summary>
    /// True (the default) when the venue sends a book of exactly the subscribed depth and expects the client
    /// to drop levels that fall out of it (e.g. when its checksum covers the truncated book). False when the
    /// venue streams its full book whatever depth was asked: the local book then keeps every level,
    /// because a level that falls below the top N would never be sent again and the book would thin out
    /// after removals; views still show the requested depth.
    /// </summary>
    public bool TruncateToSubscribedDepth { get; init; } = true;
}
