namespace Fluxum.Sdk.Books;

/// <summary>What the sequence rule says about an update frame.</summary>
internal enum SequenceVerdict
{
    /// <summary>The frame continues the chain (or the venue sends no sequence): apply it.</summary>
    Next,

    /// <summary>Every id the frame covers was already applied: drop it.</summary>
    Duplicate,

    /// <summary>Ids between the last applied and the frame's first are missing.</summary>
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
    /// <remarks>
    /// Contiguous: <c>first == applied + 1</c>. Overlapping (Gemini): <c>first ≤ applied &lt; last</c>; the
    /// observed stream always has <c>first == previous last</c>, so <c>first == applied + 1</c> already means a
    /// lost frame and is a gap (the strict rule of Gemini's TypeScript SDK). Under both rules a frame whose
    /// last id is not past <paramref name="applied"/> is a duplicate. A book with no applied id yet (its
    /// snapshot carried none) accepts the frame and starts the chain from it.
    /// </remarks>
    public static SequenceVerdict Judge(SequenceRule rule, long? applied, long? first, long? last)
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

        if (lastId <= done)
        {
            return SequenceVerdict.Duplicate;
        }

        var gap = rule == SequenceRule.Contiguous ? firstId != done + 1 : firstId > done;
        return gap ? SequenceVerdict.Gap : SequenceVerdict.Next;
    }
}
