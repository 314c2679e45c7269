namespace Fluxum.Sdk.Kit;

/// <summary>
/// Whose problem a broken frame is, as far as the decoder got: nobody's known yet, another channel's, or one
/// book's. A decoder updates it as it reads (<see cref="Other"/> once the message type says so,
/// <see cref="Book"/> once a book message's symbol is read); the guard reports by it.
/// </summary>
/// <param name="Origin">What the frame was seen to be.</param>
/// <param name="Symbol">The book's symbol, for <see cref="FrameOrigin.Book"/>.</param>
public readonly record struct FrameAttribution(FrameOrigin Origin, Symbol Symbol)
{
    /// <summary>Nothing known yet (the start of every frame).</summary>
    public static FrameAttribution Unattributed => default;

    /// <summary>A frame of another kind than book data.</summary>
    public static FrameAttribution Other => new(FrameOrigin.Other, default);

    /// <summary>A book frame of <paramref name="symbol"/>.</summary>
    public static FrameAttribution Book(Symbol symbol) => new(FrameOrigin.Book, symbol);
}
