namespace Fluxum.Sdk.Transport;

/// <summary>Where and how to open a WebSocket.</summary>
/// <param name="Uri">The ws:// or wss:// address.</param>
public sealed record WebSocketEndpoint(Uri Uri)
{
    /// <summary>HTTP headers for the upgrade request (authentication handshakes).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The venue's limit on opening connections to this endpoint, if it documents one: the host's transport holds a
    /// connect that would exceed it until the window allows it (never refused for it). <see langword="null"/>: none.
    /// </summary>
    public ConnectionRateLimit? ConnectionLimit { get; init; }
}

/// <summary>One frame received from a WebSocket.</summary>
/// <param name="Payload">The frame's bytes. Valid only until the next frame is requested: copy to keep.</param>
/// <param name="ReceivedAt">When the frame was received.</param>
/// <param name="IsText">True for a text frame.</param>
public readonly record struct WebSocketFrame(ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt, bool IsText = true);

/// <summary>Opens WebSocket connections. Plugins and tests never open sockets themselves.</summary>
public interface IWebSocketTransport
{
    /// <summary>Opens a connection.</summary>
    /// <exception cref="System.Net.WebSockets.WebSocketException">The connection could not be opened.</exception>
    Task<IWebSocketConnection> ConnectAsync(WebSocketEndpoint endpoint, CancellationToken cancellationToken = default);
}

/// <summary>An open WebSocket.</summary>
public interface IWebSocketConnection : IAsyncDisposable
{
    /// <summary>True while the connection is open.</summary>
    bool IsOpen { get; }

    /// <summary>
    /// Frames as they arrive; ends when the connection closes. A frame's payload is valid until the next
    /// one is requested (buffers are pooled).
    /// </summary>
    IAsyncEnumerable<WebSocketFrame> ReceiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends one text frame.</summary>
    Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default);

    /// <summary>Closes the connection with a normal close.</summary>
    Task CloseAsync(CancellationToken cancellationToken = default);
}
