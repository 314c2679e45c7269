namespace Fluxum.Sdk.Kit;

/// <summary>How a <see cref="SymbolMap"/> matches names and what it does with names it does not hold.</summary>
public sealed record SymbolMapOptions
{
    /// <summary>The default bound on the names one map holds.</summary>
    public const int DefaultMaxEntries = 4096;

    /// <summary>How names are compared (default: byte for byte).</summary>
    public SymbolCase Case { get; init; } = SymbolCase.Exact;

    /// <summary>
    /// The most names the map holds. Names resolved through <see cref="Resolve"/> past this bound are still
    /// answered but not remembered (counted in <see cref="SymbolMap.NotRemembered"/>), so a stream of unknown
    /// names cannot grow the map without end. <see cref="SymbolMap.Add"/> past it throws.
    /// </summary>
    public int MaxEntries { get; init; } = DefaultMaxEntries;

    /// <summary>
    /// Optional: maps a venue name the map does not hold to its canonical symbol (null when it is none), called
    /// once per new name; the answer is remembered. Null: unknown names stay unknown.
    /// </summary>
    public Func<string, Symbol?>? Resolve { get; init; }
}
