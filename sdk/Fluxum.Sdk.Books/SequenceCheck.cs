namespace Fluxum.Sdk.Books;

/// <summary>What the sequence rule says about an update frame.</summary>
internal enum SequenceVerdict
{
    /// <summary>The frame continues the chain (or the venue sends no sequence): apply it.</summary>
    Next,

    /// <summary>Every id the frame covers was already applied: drop it.</summary>
    Duplicate,

    /// <summary>The frame does not continue the chain: ids are missing, or it jumps back before the last applied.</summary>
    Gap,

    /// <summary>The rule needs ids and the frame carries none.</summary>
    Missing,

    /// <summary>The frame's first id is after its last id.</summary>
    Reversed,
}

/// <summary>The pure sequence rules of <see cref="SequenceRule"/>, kept apart from the manager's state.</summary>
internal static class SequenceCheck
{
    /// <summary>Judges an update covering ids [<paramref name="first"/>, <paramref name="last"/>] after <paramref name="applied"/>.</summary>
    /// <param name="rule">The venue's rule.</param>
    /// <param name="applied">The last id applied to the book (a snapshot's or an update's), or null when none is known.</param>
    /// <param name="first">The frame's first id (null: same as <paramref name="last"/>).</param>
    /// <param name="last">The frame's last id.</param>
    /// <param name="fromSnapshot">
    /// True when <paramref name="applied"/> is the id of a snapshot that came apart from the update stream (a
    /// buffered update replayed onto it): updates the snapshot already contains are duplicates, and the first
    /// one to apply may straddle its id.
    /// </param>
    /// <remarks>
    /// Contiguous: <c>first == applied + 1</c> applies, a frame whose last id is not past
    /// <paramref name="applied"/> is a duplicate (a buffered update the snapshot already contains), anything
    /// else is a gap. Overlapping: the chain overlaps at exactly one id, <c>first == applied &lt; last</c>
    /// (observed on every delta); a re-delivery of the last frame (<c>last == applied</c>) is a duplicate; any
    /// other frame is a gap, whether it skips ahead (<c>first &gt; applied</c>, also <c>applied + 1</c>, which
    /// one venue's own SDK treats as a gap) or reaches back before <paramref name="applied"/> (the chain
    /// jumped forward and genuine updates now look old: dropping them as duplicates would freeze the book).
    /// Against a separate snapshot (<paramref name="fromSnapshot"/>) Overlapping accepts
    /// <c>first ≤ applied &lt; last</c> and drops <c>last ≤ applied</c>, as the documented depth-snapshot
    /// bootstrap does. A book with no applied id yet (its snapshot carried none) accepts the frame and starts
    /// the chain from it.
    /// </remarks>
    public static SequenceVerdict Judge(SequenceRule rule, long? applied, long? first, long? last, bool fromSnapshot = false)
    {
        if (rule == SequenceRule.None || applied is not { } done)
        {
            return SequenceVerdict.Next;
        }

        if (last is not { } lastId)
        {
            return SequenceVerdict.Missing;
        }

        var firstId = first ?? lastId;
        if (firstId > lastId)
        {
            return SequenceVerdict.Reversed;
        }

        if (rule == SequenceRule.Contiguous)
        {
            return lastId <= done ? SequenceVerdict.Duplicate : firstId == done + 1 ? SequenceVerdict.Next : SequenceVerdict.Gap;
        }

        if (fromSnapshot)
        {
            return lastId <= done ? SequenceVerdict.Duplicate : firstId <= done ? SequenceVerdict.Next : SequenceVerdict.Gap;
        }

        return lastId == done ? SequenceVerdict.Duplicate : firstId == done && lastId > done ? SequenceVerdict.Next : SequenceVerdict.Gap;
    }
}
