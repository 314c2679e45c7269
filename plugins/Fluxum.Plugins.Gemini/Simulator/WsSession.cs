using System.Net.WebSockets;
using System.Text.Json;

namespace Fluxum.Plugins.Gemini.Simulator;

/// <summary>A new-API connection: <c>{"id":..,"method":"subscribe","params":[streams]}</c>, ping, and errors as documented.</summary>
internal sealed class WsSession : SimSession
{
    public WsSession(WebSocket socket, SimMarkets markets, int snapshot, bool authenticated)
        : base(socket, markets)
    {
        Snapshot = snapshot;
        Authenticated = authenticated;
    }

    /// <summary>The connection's <c>snapshot</c> parameter (0 none, -1 full, N top N).</summary>
    public int Snapshot { get; }

    public bool Authenticated { get; }

    /// <summary>Subscribed stream names (guarded by the market lock).</summary>
    public HashSet<string> Streams { get; } = new(StringComparer.Ordinal);

    protected override void Handle(string text)
    {
        string id = "null";
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            id = root.TryGetProperty("id", out var idValue) ? idValue.GetRawText() : "null";
            var method = root.GetProperty("method").GetString()?.ToLowerInvariant();
            switch (method)
            {
                case "subscribe" or "unsubscribe":
                    var streams = root.GetProperty("params").EnumerateArray().Select(s => s.GetString() ?? string.Empty).ToList();
                    Markets.WsSubscribe(this, id, streams, method == "subscribe");
                    break;
                case "ping":
                    Send(SimWire.Ack(id));
                    break;
                case "list_subscriptions":
                    Send($"{{\"id\":{id},\"status\":200,\"result\":{JsonSerializer.Serialize(Markets.Streams(this))}}}");
                    break;
                default:
                    Send(SimWire.WsError(id, 400, -1020, "Unsupported operation"));
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Send(SimWire.WsError(id, 400, -1013, "Invalid parameters"));
        }
    }
}
