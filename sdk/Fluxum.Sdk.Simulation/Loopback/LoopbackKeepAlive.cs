namespace Fluxum.Sdk.Simulation;

/// <summary>
/// How a <see cref="LoopbackServer"/> keeps its WebSockets alive, as a venue's server does: a WebSocket ping frame
/// every <see cref="Interval"/>, and a connection whose peer has not answered one with a pong within
/// <see cref="Timeout"/> dropped (aborted, as a dead peer is).
/// </summary>
public sealed record LoopbackKeepAlive
{
    /// <summary>Pings every <paramref name="interval"/>; drops a peer that does not pong within <paramref name="timeout"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either is zero or negative.</exception>
    public LoopbackKeepAlive(TimeSpan interval, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Interval = interval;
        Timeout = timeout;
    }

    /// <summary>Time between two ping frames.</summary>
    public TimeSpan Interval { get; }

    /// <summary>How long the server waits for the pong to a ping before it drops the connection.</summary>
    public TimeSpan Timeout { get; }
}
