namespace Fluxum.Plugins.Binance.Simulator;

/// <summary>
/// The stream server's connection rules (web-socket-streams.md, "General WSS information" and "WebSocket Limits"), as
/// documented by default; a test shortens them to see them act within its patience.
/// </summary>
internal sealed record BinanceSimulatorSettings
{
    /// <summary>The documented rules.</summary>
    public static BinanceSimulatorSettings Documented { get; } = new();

    /// <summary>"The WebSocket server will send a ping frame every 20 seconds."</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>"If the WebSocket server does not receive a pong frame back from the connection within a minute the connection will be disconnected."</summary>
    public TimeSpan PongTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// "WebSocket connections have a limit of 5 incoming messages per second"; "a connection that goes beyond the limit
    /// will be disconnected". Counted over any one second (a sliding window), the strictest reading.
    /// </summary>
    public int MaxIncomingMessagesPerSecond { get; init; } = 5;

    /// <summary>How long a connection closed after a <c>serverShutdown</c> may take to answer the close before it is aborted.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
