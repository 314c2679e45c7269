namespace Fluxum.Sdk.Plugins;

/// <summary>The kinds of fault a simulator can be told to produce.</summary>
public enum SimulatorFaultKind
{
    /// <summary>Abort every open WebSocket.</summary>
    DropConnections,

    /// <summary>Send nothing at all (not even heartbeats) for <see cref="SimulatorFault.Duration"/>, keeping sockets open.</summary>
    Stall,

    /// <summary>Send a wrong checksum in the next book message for the symbol.</summary>
    CorruptChecksum,

    /// <summary>Skip an update id in the symbol's next book message.</summary>
    SkipSequence,

    /// <summary>
    /// Make the last update id of the symbol's next book message jump ahead by <see cref="SimulatorFault.By"/>, while
    /// the messages after it continue the real chain, which then looks old. A venue without update ids in its book
    /// messages cannot produce it: <see cref="IVenueSimulator.Inject"/> returns false.
    /// </summary>
    JumpSequence,

    /// <summary>
    /// Send the symbol's next book message cut mid-way: its first half, as one complete WebSocket message (its
    /// symbol still readable). The simulator's market moved on as if it had been sent whole.
    /// </summary>
    CutFrame,

    /// <summary>Send one frame that is not valid JSON.</summary>
    MalformedFrame,

    /// <summary>Answer the next <see cref="SimulatorFault.Count"/> REST calls with <see cref="SimulatorFault.StatusCode"/>.</summary>
    RestError,

    /// <summary>
    /// Answer the next <see cref="SimulatorFault.Count"/> REST book snapshots of the symbol with the book as it was before
    /// the updates already streamed (its last update id older than every diff a client has buffered), as a venue
    /// behind a lagging cache does. Only a venue synced from REST snapshots (<see cref="BookSync.RestSnapshot"/>) can.
    /// </summary>
    StaleSnapshot,

    /// <summary>
    /// Announce on every open WebSocket that the server is about to shut down, in the venue's own message (Binance's
    /// <c>serverShutdown</c> event), then close those connections; new connections are served as before. A venue
    /// with no such announcement cannot produce it: <see cref="IVenueSimulator.Inject"/> returns false.
    /// </summary>
    ServerShutdown,
}

/// <summary>
/// A fault a simulator can be told to produce: its <see cref="Kind"/> and the parameters that kind takes (the
/// others keep their defaults). Create one with the factory of its kind; records compare by value.
/// </summary>
public sealed record SimulatorFault
{
    /// <summary>The jump of <see cref="SimulatorFaultKind.JumpSequence"/> when none is given: 10⁹, as observed in the field.</summary>
    public const long DefaultJump = 1_000_000_000;

    private SimulatorFault(SimulatorFaultKind kind)
    {
        Kind = kind;
    }

    /// <summary>What to produce.</summary>
    public SimulatorFaultKind Kind { get; }

    /// <summary>The symbol a book fault applies to (default for the others).</summary>
    public Symbol Symbol { get; private init; }

    /// <summary>How long a stall lasts.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>How far ahead a sequence jump goes (positive).</summary>
    public long By { get; private init; }

    /// <summary>A REST error's status: 429 or a 5xx.</summary>
    public int StatusCode { get; private init; }

    /// <summary>How many REST calls get the error (or, for a stale snapshot, how many snapshots are stale).</summary>
    public int Count { get; private init; }

    /// <summary>A Retry-After to send with a 429.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Abort every open WebSocket.</summary>
    public static SimulatorFault DropConnections() => new(SimulatorFaultKind.DropConnections);

    /// <summary>Send nothing at all for <paramref name="duration"/>, keeping sockets open.</summary>
    public static SimulatorFault Stall(TimeSpan duration) => new(SimulatorFaultKind.Stall) { Duration = duration };

    /// <summary>A wrong checksum in the symbol's next book message.</summary>
    public static SimulatorFault CorruptChecksum(Symbol symbol) => new(SimulatorFaultKind.CorruptChecksum) { Symbol = symbol };

    /// <summary>An update id skipped in the symbol's next book message.</summary>
    public static SimulatorFault SkipSequence(Symbol symbol) => new(SimulatorFaultKind.SkipSequence) { Symbol = symbol };

    /// <summary>The last update id of the symbol's next book message jumps ahead by <paramref name="by"/>.</summary>
    public static SimulatorFault JumpSequence(Symbol symbol, long by = DefaultJump) => new(SimulatorFaultKind.JumpSequence) { Symbol = symbol, By = by };

    /// <summary>The symbol's next book message sent cut mid-way.</summary>
    public static SimulatorFault CutFrame(Symbol symbol) => new(SimulatorFaultKind.CutFrame) { Symbol = symbol };

    /// <summary>One frame that is not valid JSON.</summary>
    public static SimulatorFault MalformedFrame() => new(SimulatorFaultKind.MalformedFrame);

    /// <summary>The next <paramref name="count"/> REST calls answered with <paramref name="statusCode"/> (429 or 5xx).</summary>
    public static SimulatorFault RestError(int statusCode, int count = 1, TimeSpan? retryAfter = null) =>
        new(SimulatorFaultKind.RestError) { StatusCode = statusCode, Count = count, RetryAfter = retryAfter };

    /// <summary>The next <paramref name="count"/> REST book snapshots of the symbol are older than the diffs already streamed.</summary>
    public static SimulatorFault StaleSnapshot(Symbol symbol, int count = 1) => new(SimulatorFaultKind.StaleSnapshot) { Symbol = symbol, Count = count };

    /// <summary>The server announces its shutdown on every open WebSocket, then closes them.</summary>
    public static SimulatorFault ServerShutdown() => new(SimulatorFaultKind.ServerShutdown);

    /// <summary>The fault in words, e.g. <c>Stall(00:00:03)</c> or <c>CorruptChecksum(BTC/USD)</c>.</summary>
    public override string ToString() => Kind switch
    {
        SimulatorFaultKind.Stall => $"Stall({Duration})",
        SimulatorFaultKind.JumpSequence => $"JumpSequence({Symbol}, {By})",
        SimulatorFaultKind.RestError => $"RestError({StatusCode} x{Count}{(RetryAfter is { } r ? $", retry after {r}" : "")})",
        SimulatorFaultKind.StaleSnapshot => $"StaleSnapshot({Symbol} x{Count})",
        SimulatorFaultKind.CorruptChecksum or SimulatorFaultKind.SkipSequence or SimulatorFaultKind.CutFrame => $"{Kind}({Symbol})",
        _ => Kind.ToString(),
    };
}
