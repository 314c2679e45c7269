namespace Fluxum.Sdk.Plugins;

/// <summary>
/// A simulator's load mode: instead of its evolving market stepped every tick, each connection gets a steady stream of
/// protocol-exact frames (book updates with valid checksums, trades, tickers, as the venue sends them) for the symbols
/// and channels it subscribed, round-robin over its symbols, at a fixed rate. Every frame that has a timestamp field
/// carries the time it was sent, so a client can measure latency from the send. For benchmarks and soak tests: spread
/// the load over symbols by subscribing more of them, over connections by opening more.
/// </summary>
public sealed record SimulatorLoad
{
    /// <summary>Frames per second on each connection; 0 sends as fast as the socket takes them.</summary>
    public int MessagesPerSecond { get; init; }

    /// <summary>Frames each connection gets before the load stops (heartbeats only after that); null for no end.</summary>
    public long? Messages { get; init; }

    /// <summary>
    /// How long a connection must be quiet (no subscribe or unsubscribe) before its load starts, so every subscription
    /// it makes at start is in place and the first frames are not mixed with acks and snapshots.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromMilliseconds(500);
}
