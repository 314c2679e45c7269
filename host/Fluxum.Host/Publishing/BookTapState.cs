using Fluxum.Sdk.Books;

namespace Fluxum.Host.Publishing;

/// <summary>One book's publishing state: its sequence, the changes of the frame being applied, when it next goes out whole.</summary>
internal sealed class BookTapState
{
    private int _snapshotWanted = 1;

    /// <summary>The last sequence given to a message of this book (a dropped message used one too: the consumer sees the gap).</summary>
    public long Sequence { get; set; }

    /// <summary>Level changes of the frame being applied (writer thread, under the tap's lock).</summary>
    public List<LevelChange> Pending { get; } = [];

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) the book was last published whole.</summary>
    public long LastSnapshotAt { get; set; }

    /// <summary>Asks for the book to go out whole with its next frame (a message of it was lost).</summary>
    public void WantSnapshot() => Volatile.Write(ref _snapshotWanted, 1);

    /// <summary>True once after <see cref="WantSnapshot"/>.</summary>
    public bool TakeSnapshotWish() => Interlocked.Exchange(ref _snapshotWanted, 0) == 1;
}
