namespace Fluxum.Sdk.Books;

/// <summary>How a venue's update ids chain from one frame to the next.</summary>
public enum SequenceRule
{
    /// <summary>The venue sends no sequence numbers.</summary>
    None,

    /// <summary>Each frame's first id is the previous frame's last id + 1.</summary>
    Contiguous,

    /// <summary>
    /// Frames overlap: a frame applies when <c>first ≤ last applied &lt; last</c>; a frame whose last id is
    /// not past the last applied is a duplicate and dropped; <c>first &gt; last applied</c> is a gap
    /// (Gemini's new WebSocket API).
    /// </summary>
    Overlapping,
}

/// <summary>What to do with updates that arrive before a symbol's first snapshot.</summary>
public enum PreSnapshotPolicy
{
    /// <summary>Drop them (counted and reported): the snapshot will contain their effect.</summary>
    Discard,

    /// <summary>Keep them and apply those newer than the snapshot's sequence once it arrives.</summary>
    Buffer,
}

/// <summary>A venue's book checksum, computed over the local book after a frame was applied.</summary>
public interface IBookChecksum
{
    /// <summary>The checksum of <paramref name="book"/> as the venue would compute it.</summary>
    uint Compute(OrderBook book);
}

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

    /// <summary>How many update frames to buffer per symbol before the snapshot (Buffer policy).</summary>
    public int MaxBufferedFrames { get; init; } = 1024;
}
