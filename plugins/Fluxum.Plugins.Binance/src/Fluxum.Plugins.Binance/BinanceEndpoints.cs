namespace Fluxum.Plugins.Binance;

/// <summary>The endpoint names the plugin reads from <c>endpoints:</c> (and its simulator serves), with their live defaults.</summary>
internal static class BinanceEndpoints
{
    /// <summary>The market-stream WebSocket base (the plugin connects to <c>/stream</c> under it).</summary>
    public const string WebSocket = "ws";

    /// <summary>The REST API base.</summary>
    public const string Rest = "rest";

    /// <summary>web-socket-streams.md: "The base endpoint is: wss://stream.binance.com:9443".</summary>
    public static readonly Uri LiveWebSocket = new("wss://stream.binance.com:9443");

    /// <summary>rest-api.md: the first listed base endpoint.</summary>
    public static readonly Uri LiveRest = new("https://api.binance.com");

    /// <summary>web-socket-streams.md: "300 connections per attempt every 5 minutes per IP".</summary>
    public const int ConnectionsPerWindow = 300;

    /// <summary>The window of <see cref="ConnectionsPerWindow"/>.</summary>
    public static readonly TimeSpan ConnectionWindow = TimeSpan.FromMinutes(5);

    /// <summary>The connection limit the host keeps to before opening a stream connection.</summary>
    public static Fluxum.Sdk.Transport.ConnectionRateLimit Connections(string venue) => new(venue, "websocket", ConnectionsPerWindow, ConnectionWindow);

    /// <summary>The combined-stream address under a base: <c>{base}/stream</c>, every stream added later with SUBSCRIBE.</summary>
    public static Uri CombinedStream(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var text = baseUri.ToString().TrimEnd('/');
        return text.EndsWith("/stream", StringComparison.Ordinal) ? new Uri(text) : new Uri(text + "/stream");
    }
}
