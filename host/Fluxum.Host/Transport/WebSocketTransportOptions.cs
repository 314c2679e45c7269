namespace Fluxum.Host.Transport;

/// <summary>Settings of the WebSocket transport.</summary>
internal sealed record WebSocketTransportOptions
{
    /// <summary>The defaults: 10 s connect timeout, 4096 buffered frames, 20 s protocol keep-alive.</summary>
    public static WebSocketTransportOptions Default { get; } = new();

    /// <summary>How long opening a connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Frames buffered between the socket's receive loop and the session. When the session falls this far
    /// behind, the connection is closed as overflowed (counted, logged) and the session reconnects and
    /// resnapshots, rather than silently losing frames or stalling the socket.
    /// </summary>
    public int ReceiveBufferFrames { get; init; } = 4096;

    /// <summary>The WebSocket protocol-level keep-alive (ping control frames).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);
}
