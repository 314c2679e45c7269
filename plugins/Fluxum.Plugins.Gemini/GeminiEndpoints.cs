namespace Fluxum.Plugins.Gemini;

/// <summary>Endpoint names read from <c>VenueContext.Endpoints</c>, with Gemini's production defaults.</summary>
internal static class GeminiEndpoints
{
    /// <summary>Market data v2 WebSocket.</summary>
    public const string WsV2 = "ws_v2";

    /// <summary>The new WebSocket API (the protocol adds <c>?snapshot=-1</c>).</summary>
    public const string Ws = "ws";

    /// <summary>REST base.</summary>
    public const string Rest = "rest";

    public static readonly Uri DefaultWsV2 = new("wss://api.gemini.com/v2/marketdata");

    public static readonly Uri DefaultWs = new("wss://ws.gemini.com");

    public static readonly Uri DefaultRest = new("https://api.gemini.com/");

    public static Uri Default(string name) => name switch
    {
        WsV2 => DefaultWsV2,
        Ws => DefaultWs,
        Rest => DefaultRest,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown gemini endpoint name"),
    };
}
