using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Books;

/// <summary>
/// The book frame being applied on this thread, as the decoder saw it. The decoder sets it around
/// <c>IFrameSink.Book</c>, which applies the frame and computes the checksum synchronously on the same
/// thread, so the checksum can update its cached digits from the frame's changes instead of re-reading
/// the book. Absent (any other caller, any other thread), the checksum rebuilds from the book: the note
/// can only save work, never change a value (its result is also checked against the book's top).
/// </summary>
internal static class FrameNote
{
    [ThreadStatic]
    private static Note t_note;

    public static void Set(KrakenChecksum owner, Symbol symbol, LevelChange[] changes, int count) => t_note = new Note(owner, symbol, changes, count);

    public static void Clear() => t_note = default;

    public static bool TryGet(KrakenChecksum owner, Symbol symbol, out ReadOnlySpan<LevelChange> changes)
    {
        var note = t_note;
        if (ReferenceEquals(note.Owner, owner) && note.Changes is not null && note.Symbol.Equals(symbol))
        {
            changes = note.Changes.AsSpan(0, note.Count);
            return true;
        }

        changes = default;
        return false;
    }

    private readonly record struct Note(KrakenChecksum? Owner, Symbol Symbol, LevelChange[]? Changes, int Count);
}
