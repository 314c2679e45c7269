using Fluxum.Sdk.Books;

namespace Fluxum.Sdk.Testing.Builders;

/// <summary>A <see cref="BookFrame"/> copied to the heap, so a test can keep it, inspect it and replay it.</summary>
/// <param name="Symbol">The instrument.</param>
/// <param name="IsSnapshot">True for a snapshot.</param>
/// <param name="Changes">The level changes in wire order.</param>
/// <param name="ReceivedAt">When the frame was received.</param>
public sealed record RecordedBookFrame(Symbol Symbol, bool IsSnapshot, IReadOnlyList<LevelChange> Changes, DateTimeOffset ReceivedAt)
{
    /// <summary>The exchange's time, if sent.</summary>
    public DateTimeOffset? ExchangeTime { get; init; }

    /// <summary>The venue's checksum, if sent.</summary>
    public uint? Checksum { get; init; }

    /// <summary>The first update id, if sent.</summary>
    public long? FirstSequence { get; init; }

    /// <summary>The last update id, if sent.</summary>
    public long? LastSequence { get; init; }

    /// <summary>Equal when every field and every level change (in order) are equal.</summary>
    public bool Equals(RecordedBookFrame? other) =>
        other is not null && Symbol == other.Symbol && IsSnapshot == other.IsSnapshot && ReceivedAt == other.ReceivedAt
        && ExchangeTime == other.ExchangeTime && Checksum == other.Checksum && FirstSequence == other.FirstSequence
        && LastSequence == other.LastSequence && Changes.SequenceEqual(other.Changes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Symbol, IsSnapshot, ReceivedAt, Checksum, LastSequence, Changes.Count);

    /// <inheritdoc />
    public override string ToString() =>
        $"{(IsSnapshot ? "snapshot" : "update")} {Symbol} [{string.Join(", ", Changes.Select(c => $"{c.Side} {c.Price} x {c.Size}"))}] seq {FirstSequence}..{LastSequence} checksum {Checksum}";

    /// <summary>Copies <paramref name="frame"/>.</summary>
    public static RecordedBookFrame From(in BookFrame frame) => new(frame.Symbol, frame.IsSnapshot, frame.Changes.ToArray(), frame.ReceivedAt)
    {
        ExchangeTime = frame.ExchangeTime,
        Checksum = frame.Checksum,
        FirstSequence = frame.FirstSequence,
        LastSequence = frame.LastSequence,
    };

    /// <summary>The frame again, over a copy of <see cref="Changes"/>.</summary>
    public BookFrame ToFrame() => new(Symbol, IsSnapshot, Changes.ToArray(), ReceivedAt)
    {
        ExchangeTime = ExchangeTime,
        Checksum = Checksum,
        FirstSequence = FirstSequence,
        LastSequence = LastSequence,
    };
}
