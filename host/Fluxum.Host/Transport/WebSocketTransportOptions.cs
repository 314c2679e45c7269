namespace Fluxum.Host.Transport;

/// <summary>Settings of the WebSocket transport.</summary>
internal sealed record WebSocketTransportOptions
{
    /// <summary>The defaults: 10 s connect timeout, 4096 buffered frames held up to 1 s when full, 20 s protocol keep-alive.</summary>
    public static WebSocketTransportOptions Default { get; } = new();

    /// <summary>How long opening a connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Frames buffered between the socket's receive loop and the session. When the buffer is full, the receive loop
    /// waits up to <see cref="ReceiveOverflowGrace"/> for the session to make room (TCP flow control slows the sender
    /// meanwhile: a burst costs latency, not a resync); a session still this far behind after that is closed as
    /// overflowed (counted, logged) and reconnects and resnapshots, rather than silently losing frames or stalling
    /// the socket without end.
    /// </summary>
    public int ReceiveBufferFrames { get; init; } = 4096;

    /// <summary>How long a full receive buffer may hold the socket's receive loop before the connection is closed as overflowed; zero closes at once.</summary>
    public TimeSpan ReceiveOverflowGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The WebSocket protocol-level keep-alive (ping control frames).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);
}
