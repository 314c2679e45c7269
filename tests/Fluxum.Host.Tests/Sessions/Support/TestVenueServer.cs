using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Fluxum.Sdk.Simulation;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Host.Tests.Sessions.Support;

/// <summary>
/// A venue for the JSON test protocol on 127.0.0.1: acks subscriptions (refusing <see cref="RejectSymbol"/>),
/// lets the test push frames to every client, kill connections, stay silent, or go away for good.
/// </summary>
internal sealed class TestVenueServer : ILoopbackHandler, IAsyncDisposable
{
    private readonly ConcurrentDictionary<WebSocket, SemaphoreSlim> _clients = new();
    private LoopbackServer _server = null!;
    private int _connections;

    private TestVenueServer()
    {
    }

    /// <summary>Starts a server on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<TestVenueServer> StartAsync(int port = 0)
    {
        var server = new TestVenueServer();
        server._server = await LoopbackServer.StartAsync(server, port);
        return server;
    }

    public Uri Uri => _server.WebSocketUri;

    public int Port => _server.Port;

    public int Connections => Volatile.Read(ref _connections);

    public int OpenSockets => _server.OpenWebSockets;

    /// <summary>Every message clients sent, in order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>The X-Test header of the last upgrade request.</summary>
    public string? LastTestHeader { get; private set; }

    /// <summary>A symbol whose subscription is refused.</summary>
    public string? RejectSymbol { get; set; }

    /// <summary>Refuse <see cref="RejectSymbol"/> with an ack that names no symbol (as some venues refuse a whole request).</summary>
    public bool RejectWithoutSymbol { get; set; }

    /// <summary>When true, subscriptions get no ack (the server says nothing at all).</summary>
    public bool Silent { get; set; }

    public int SubscribeCount(string channel, string symbol) =>
        Received.Count(m => m.Contains("\"op\":\"subscribe\"", StringComparison.Ordinal) && m.Contains($"\"channel\":\"{channel}\"", StringComparison.Ordinal) && m.Contains($"\"symbol\":\"{symbol}\"", StringComparison.Ordinal));

    /// <summary>Sends a frame to every connected client.</summary>
    public async Task BroadcastAsync(string frame)
    {
        foreach (var (socket, gate) in _clients)
        {
            await gate.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendTextAsync(frame);
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    public static string Trade(int id, string symbol = "BTC/USD", decimal price = 100m) =>
        $"{{\"type\":\"trade\",\"symbol\":\"{symbol}\",\"price\":\"{price}\",\"size\":\"0.5\",\"side\":\"{(id % 2 == 0 ? "buy" : "sell")}\",\"id\":\"{id}\"}}";

    public static string Book(bool snapshot, string bids, string asks, string symbol = "BTC/USD") =>
        $"{{\"type\":\"book\",\"symbol\":\"{symbol}\",\"snapshot\":{(snapshot ? "true" : "false")},\"bids\":[{bids}],\"asks\":[{asks}]}}";

    /// <summary>Drops every open connection: a close frame the client did not ask for, then an abort.</summary>
    public async Task KillAsync()
    {
        foreach (var socket in _clients.Keys)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "killed by the test", CancellationToken.None);
        }

        _server.AbortWebSockets();
    }

    public Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    public async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
    {
        LastTestHeader = request.Headers["X-Test"];
        Interlocked.Increment(ref _connections);
        var gate = new SemaphoreSlim(1, 1);
        _clients[socket] = gate;
        try
        {
            while (await socket.ReceiveTextAsync(cancellationToken) is { } message)
            {
                Received.Enqueue(message);
                await ReplyAsync(socket, gate, message, cancellationToken);
            }
        }
        finally
        {
            _clients.TryRemove(socket, out _);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task ReplyAsync(WebSocket socket, SemaphoreSlim gate, string message, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        var op = root.GetProperty("op").GetString();
        if (Silent || op == "ping")
        {
            if (op == "ping" && !Silent)
            {
                await SendAsync(socket, gate, "{\"type\":\"heartbeat\"}", cancellationToken);
            }

            return;
        }

        var symbol = root.GetProperty("symbol").GetString();
        var channel = root.GetProperty("channel").GetString();
        var ok = symbol != RejectSymbol;
        var error = ok ? "null" : "\"unknown pair\"";
        var named = ok || !RejectWithoutSymbol ? $"\"symbol\":\"{symbol}\"," : string.Empty;
        await SendAsync(socket, gate, $"{{\"type\":\"ack\",\"op\":\"{op}\",\"channel\":\"{channel}\",{named}\"success\":{(ok ? "true" : "false")},\"error\":{error}}}", cancellationToken);
    }

    private static async Task SendAsync(WebSocket socket, SemaphoreSlim gate, string text, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await socket.SendTextAsync(text, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
