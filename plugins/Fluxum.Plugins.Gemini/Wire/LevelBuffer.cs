using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Gemini.Wire;

/// <summary>A reusable, growing buffer of level changes for one connection's decoder (never shared).</summary>
internal sealed class LevelBuffer
{
    private LevelChange[] _items = new LevelChange[256];

    public int Count { get; private set; }

    public ReadOnlySpan<LevelChange> Span => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    /// <summary>
    /// Reverses the buffer. Gemini lists a snapshot best-first per side; the SDK book keeps each side
    /// worst-to-best, so feeding a snapshot worst-first turns every insert into an append (one compare)
    /// instead of a bisect plus a shift of the whole side. A snapshot is a set: its order is free.
    /// </summary>
    public void Reverse() => _items.AsSpan(0, Count).Reverse();

    public void Add(in LevelChange change)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = change;
    }
}
