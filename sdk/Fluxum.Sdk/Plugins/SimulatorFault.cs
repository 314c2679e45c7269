namespace Fluxum.Sdk.Plugins;

/// <summary>A fault a simulator can be told to produce.</summary>
public abstract record SimulatorFault
{
    private protected SimulatorFault()
    {
    }

    /// <summary>Abort every open WebSocket.</summary>
    public sealed record DropConnections : SimulatorFault;

    /// <summary>Send nothing at all (not even heartbeats) for a while, keeping sockets open.</summary>
    /// <param name="Duration">How long to stay silent.</param>
    public sealed record Stall(TimeSpan Duration) : SimulatorFault;

    /// <summary>Send a wrong checksum in the next book message for the symbol.</summary>
    /// <param name="Symbol">The symbol.</param>
    public sealed record CorruptChecksum(Symbol Symbol) : SimulatorFault;

    /// <summary>Skip an update id in the symbol's next book message.</summary>
    /// <param name="Symbol">The symbol.</param>
    public sealed record SkipSequence(Symbol Symbol) : SimulatorFault;

    /// <summary>
    /// Make the last update id of the symbol's next book message jump ahead by <paramref name="By"/>, while the
    /// messages after it continue the real chain, which then looks old. A venue without update ids in its book
    /// messages cannot produce it: <see cref="IVenueSimulator.Inject"/> returns false.
    /// </summary>
    /// <param name="Symbol">The symbol.</param>
    /// <param name="By">How far ahead the id jumps (positive).</param>
    public sealed record JumpSequence(Symbol Symbol, long By = JumpSequence.DefaultJump) : SimulatorFault
    {
        /// <summary>The jump when none is given: 10⁹, as observed in the field.</summary>
        public const long DefaultJump = 1_000_000_000;
    }

    /// <summary>
    /// Send the symbol's next book message cut mid-way: its first half, as one complete WebSocket message (its
    /// symbol still readable). The simulator's market moved on as if it had been sent whole.
    /// </summary>
    /// <param name="Symbol">The symbol.</param>
    public sealed record CutFrame(Symbol Symbol) : SimulatorFault;

    /// <summary>Send one frame that is not valid JSON.</summary>
    public sealed record MalformedFrame : SimulatorFault;

    /// <summary>Answer the next <paramref name="Count"/> REST calls with <paramref name="StatusCode"/>.</summary>
    /// <param name="StatusCode">429 or a 5xx status.</param>
    /// <param name="Count">How many calls.</param>
    /// <param name="RetryAfter">A Retry-After to send with a 429.</param>
    public sealed record RestError(int StatusCode, int Count = 1, TimeSpan? RetryAfter = null) : SimulatorFault;
}
