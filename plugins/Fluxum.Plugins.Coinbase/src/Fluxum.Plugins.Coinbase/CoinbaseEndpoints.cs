namespace Fluxum.Plugins.Coinbase;

/// <summary>The endpoint names the plugin reads (and its simulator serves), with their live defaults.</summary>
internal static class CoinbaseEndpoints
{
    /// <summary>The market-data WebSocket.</summary>
    public const string Ws = "ws";

    /// <summary>The REST API.</summary>
    public const string Rest = "rest";

    /// <summary>Market data endpoint (docs: Advanced Trade WebSocket Overview).</summary>
    public static readonly Uri LiveWs = new("wss://advanced-trade-ws.coinbase.com");

    /// <summary>REST base (docs: the OpenAPI servers entry).</summary>
    public static readonly Uri LiveRest = new("https://api.coinbase.com");
}
