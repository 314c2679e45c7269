using Fluxum.Sdk.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fluxum.Sdk.Simulation;

/// <summary>How to run a venue simulator.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>A seed for a deterministic market; null for a random one.</summary>
    public int? Seed { get; init; }

    /// <summary>Time between market events.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The API key and secret private endpoints accept; null accepts none.</summary>
    public VenueCredentials? Credentials { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Loggers.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}

/// <summary>
/// One instrument a venue simulator trades, with the venue's real precisions. A simulator serves a fixed list
/// of these (like the venue's own instrument list, and through its REST instrument endpoints); any other
/// symbol gets the venue's own error.
/// </summary>
/// <param name="Symbol">The instrument.</param>
/// <param name="PricePrecision">Decimals of prices (Kraken <c>pair_decimals</c>, Gemini <c>quote_increment</c>).</param>
/// <param name="SizePrecision">Decimals of sizes (Kraken <c>lot_decimals</c>, Gemini <c>tick_size</c>).</param>
public sealed record SimulatedInstrument(Symbol Symbol, int PricePrecision, int SizePrecision);

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
    /// Make the last update id of the symbol's next book message jump ahead by <paramref name="By"/> (Gemini's new
    /// API: <c>u</c>), while the messages after it continue the real chain, which then looks old. A venue without
    /// update ids (Kraken) cannot produce it: <see cref="IVenueSimulator.Inject"/> returns false.
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

/// <summary>A wire-exact venue on 127.0.0.1.</summary>
public interface IVenueSimulator : IAsyncDisposable
{
    /// <summary>Binds the loopback port(s) and starts the market.</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The simulator's addresses by endpoint name, the same names the plugin reads from
    /// <see cref="VenueContext.Endpoints"/> (so the host can point the venue at it). Valid after start.
    /// </summary>
    IReadOnlyDictionary<string, Uri> Endpoints { get; }

    /// <summary>Produces a fault. Returns false when this simulator cannot produce that kind.</summary>
    bool Inject(SimulatorFault fault);
}
