using System.Net.WebSockets;
using System.Text.Json;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>A market data v2 connection: <c>{"type":"subscribe","subscriptions":[{"name":...,"symbols":[...]}]}</c>.</summary>
internal sealed class V2Session : SimSession
{
    public V2Session(WebSocket socket, SimMarkets markets)
        : base(socket, markets)
    {
    }

    /// <summary>Symbols with an l2 subscription (guarded by the market lock).</summary>
    public HashSet<SimSymbol> L2 { get; } = [];

    /// <summary>(symbol, candle feed index) pairs (guarded by the market lock).</summary>
    public HashSet<(SimSymbol Symbol, int Feed)> Candles { get; } = [];

    protected override void Handle(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var type = root.GetProperty("type").GetString();
            if (type is not ("subscribe" or "unsubscribe"))
            {
                Send(SimWire.RestError("InvalidRequest", $"unknown message type {type}"));
                return;
            }

            foreach (var sub in root.GetProperty("subscriptions").EnumerateArray())
            {
                var name = sub.GetProperty("name").GetString() ?? string.Empty;
                var symbols = sub.GetProperty("symbols").EnumerateArray().Select(s => s.GetString() ?? string.Empty).ToList();
                if (Markets.V2Subscribe(this, name, symbols, type == "subscribe") is { } error)
                {
                    Send($"{{\"type\":\"error\",\"reason\":\"InvalidSubscription\",\"message\":\"{error}\"}}");
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Send($"{{\"type\":\"error\",\"reason\":\"InvalidJson\",\"message\":\"{JsonEncodedText.Encode(e.Message)}\"}}");
        }
    }
}
