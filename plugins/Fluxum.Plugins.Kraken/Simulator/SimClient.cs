using System.Net.WebSockets;
using Fluxum.Sdk;
using Fluxum.Sdk.Books;

namespace Fluxum.Plugins.Kraken.Simulator;

/// <summary>
/// One connected WebSocket client: what it subscribed (per symbol; the book with its depth and a mirror
/// of exactly the book the client holds, so updates and checksums follow the client's view) and a send
/// lock, since the market loop and the request loop both write.
/// </summary>
internal sealed class SimClient
{
    private readonly SemaphoreSlim _send = new(1, 1);

    public SimClient(WebSocket socket, bool isAuthenticated)
    {
        Socket = socket;
        IsAuthenticated = isAuthenticated;
    }

    public WebSocket Socket { get; }

    /// <summary>Cancelled to drop this client (fault injection): its request loop ends and the server aborts the connection.</summary>
    public CancellationTokenSource Drop { get; } = new();

    public bool IsAuthenticated { get; }

    public Lock Gate { get; } = new();

    public Dictionary<Symbol, OrderBook> Books { get; } = [];

    public HashSet<Symbol> Tickers { get; } = [];

    public HashSet<Symbol> Trades { get; } = [];

    public HashSet<(Symbol Symbol, int Minutes)> Candles { get; } = [];

    public bool Balances { get; set; }

    public DateTimeOffset LastSent { get; private set; }

    /// <summary>When the client last sent a request (the load mode waits for it to be quiet before it starts).</summary>
    public DateTimeOffset LastRequest { get; set; }

    /// <summary>Load mode: where each subscribed symbol is in its tape (under <see cref="Gate"/>).</summary>
    public Dictionary<Symbol, LoadCursor> LoadCursors { get; } = [];

    /// <summary>Load mode: the symbols in the order their frames take turns (under <see cref="Gate"/>).</summary>
    public List<Symbol> LoadOrder { get; } = [];

    /// <summary>Load mode: the connection's load loop, once started.</summary>
    public Task? LoadLoop { get; set; }

    public bool HasSubscriptions
    {
        get
        {
            lock (Gate)
            {
                return Books.Count + Tickers.Count + Trades.Count + Candles.Count > 0 || Balances;
            }
        }
    }

    public Task SendAsync(byte[] message, DateTimeOffset now, CancellationToken cancellationToken) =>
        SendAsync(() => [message], now, cancellationToken);

    /// <summary>
    /// Runs <paramref name="send"/> (the load loop's batch) holding the send lock, so nothing a request answers (a new
    /// snapshot) can come between frames it picked and sent; it returns how many frames it sent.
    /// </summary>
    public async Task<int> SendBatchAsync(Func<WebSocket, Task<int>> send, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            var sent = Socket.State == WebSocketState.Open ? await send(Socket) : 0;
            if (sent > 0)
            {
                LastSent = now;
            }

            return sent;
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>
    /// Builds and sends messages while holding the send lock, so a snapshot built here reaches the client
    /// before any update the market loop builds afterwards.
    /// </summary>
    public async Task SendAsync(Func<IReadOnlyList<byte[]>> build, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken);
        try
        {
            foreach (var message in build())
            {
                if (Socket.State != WebSocketState.Open)
                {
                    return;
                }

                await Socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                LastSent = now;
            }
        }
        finally
        {
            _send.Release();
        }
    }
}
