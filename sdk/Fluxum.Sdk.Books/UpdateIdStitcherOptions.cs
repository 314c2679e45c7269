namespace Fluxum.Sdk.Books;

/// <summary>Limits of an <see cref="UpdateIdStitcher{TDiff}"/>.</summary>
public sealed record UpdateIdStitcherOptions
{
    /// <summary>Diffs held while awaiting a snapshot; past it the oldest is dropped (and counted by the caller).</summary>
    public int MaxBuffered { get; init; } = 10_000;
}
