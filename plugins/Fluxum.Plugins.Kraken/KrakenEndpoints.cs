namespace Fluxum.Plugins.Kraken;

/// <summary>
/// The endpoint names the Kraken plugin reads from <c>VenueContext.Endpoints</c> (and the simulator
/// publishes), with the live defaults.
/// </summary>
public static class KrakenEndpoints
{
    /// <summary>Public WebSocket v2 market data (<c>wss://ws.kraken.com/v2</c>).</summary>
    public const string WebSocket = "ws";

    /// <summary>Authenticated WebSocket v2 (<c>wss://ws-auth.kraken.com/v2</c>): the balances / ledger stream.</summary>
    public const string WebSocketAuth = "ws_auth";

    /// <summary>REST base (<c>https://api.kraken.com</c>): <c>/0/public/*</c> and signed <c>/0/private/*</c>.</summary>
    public const string Rest = "rest";

    /// <summary>The live public WebSocket.</summary>
    public static Uri DefaultWebSocket { get; } = new("wss://ws.kraken.com/v2");

    /// <summary>The live authenticated WebSocket.</summary>
    public static Uri DefaultWebSocketAuth { get; } = new("wss://ws-auth.kraken.com/v2");

    /// <summary>The live REST base.</summary>
    public static Uri DefaultRest { get; } = new("https://api.kraken.com/");
}
