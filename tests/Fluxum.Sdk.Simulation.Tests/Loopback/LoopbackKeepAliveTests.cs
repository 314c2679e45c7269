using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Sdk.Simulation.Tests.Loopback;

/// <summary>A handler's <see cref="ILoopbackHandler.WebSocketKeepAlive"/>: ping frames on the interval, a peer that never pongs dropped.</summary>
public sealed class LoopbackKeepAliveTests
{
    private static readonly LoopbackKeepAlive Fast = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(600));

    [Fact]
    public async Task KeepAlive_ClientThatNeverPongs_GetsPingFramesAndIsDroppedAfterTheTimeout()
    {
        var handler = new StreamingHandler(Fast, streamEvery: null);
        await using var server = await LoopbackServer.StartAsync(handler);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", server.Port, timeout.Token);
        var stream = tcp.GetStream();
        await HandshakeAsync(stream, server.Port, timeout.Token);
        var started = DateTime.UtcNow;

        // Read raw frames and answer none of them: ping frames (opcode 0x9) arrive, then the server drops the connection.
        var pings = 0;
        while (await ReadFrameAsync(stream, timeout.Token) is { } opcode)
        {
            pings += opcode == 0x9 ? 1 : 0;
        }

        var dropped = DateTime.UtcNow - started;
        Assert.False(timeout.IsCancellationRequested, "the connection that never ponged was not dropped");
        Assert.True(pings >= 1, $"no ping frame before the drop ({dropped.TotalMilliseconds:0} ms)");
        Assert.True(dropped >= Fast.Interval + Fast.Timeout - TimeSpan.FromMilliseconds(100), $"dropped after {dropped.TotalMilliseconds:0} ms, before interval + timeout");
        await Eventually(() => server.OpenWebSockets == 0, timeout.Token);
    }

    [Fact]
    public async Task KeepAlive_ClientWebSocket_AnswersThePingsAndStaysOpenPastManyTimeouts()
    {
        var handler = new StreamingHandler(Fast, streamEvery: TimeSpan.FromMilliseconds(50));
        await using var server = await LoopbackServer.StartAsync(handler);
        using var client = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(server.WebSocketUri, timeout.Token);

        // ClientWebSocket answers each ping with a pong while it reads; the stream keeps flowing past 4 timeouts.
        var until = DateTime.UtcNow + (4 * (Fast.Interval + Fast.Timeout));
        var received = 0;
        while (DateTime.UtcNow < until)
        {
            Assert.NotNull(await client.ReceiveTextAsync(timeout.Token));
            received++;
        }

        Assert.Equal(WebSocketState.Open, client.State);
        Assert.Equal(1, server.OpenWebSockets);
        Assert.True(received >= 20, $"only {received} messages in {4 * (Fast.Interval + Fast.Timeout).TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task KeepAlive_None_ClientThatNeverPongsIsKept()
    {
        var handler = new StreamingHandler(keepAlive: null, streamEvery: null);
        await using var server = await LoopbackServer.StartAsync(handler);
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync("127.0.0.1", server.Port, timeout.Token);
        var stream = tcp.GetStream();
        await HandshakeAsync(stream, server.Port, timeout.Token);

        // ASP.NET Core's defaults: no ping within the time the fast keep-alive drops a silent peer twice over.
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        quiet.CancelAfter(2 * (Fast.Interval + Fast.Timeout));
        var read = await Record.ExceptionAsync(() => ReadFrameAsync(stream, quiet.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(read);
        Assert.Equal(1, server.OpenWebSockets);
    }

    [Fact]
    public void Constructor_NonPositiveIntervalOrTimeout_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoopbackKeepAlive(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoopbackKeepAlive(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(-1)));
    }

    private static async Task HandshakeAsync(NetworkStream stream, int port, CancellationToken cancellationToken)
    {
        var request = $"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one, cancellationToken));
            head.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Reads one server frame (unmasked) and returns its opcode; null when the server ended the connection.</summary>
    private static async Task<int?> ReadFrameAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        try
        {
            var header = new byte[2];
            if (!await ReadExactlyAsync(stream, header, cancellationToken))
            {
                return null;
            }

            long length = header[1] & 0x7F;
            if (length >= 126)
            {
                var extended = new byte[length == 126 ? 2 : 8];
                if (!await ReadExactlyAsync(stream, extended, cancellationToken))
                {
                    return null;
                }

                length = 0;
                foreach (var b in extended)
                {
                    length = (length << 8) | b;
                }
            }

            if (!await ReadExactlyAsync(stream, new byte[length], cancellationToken))
            {
                return null;
            }

            return header[0] & 0x0F;
        }
        catch (IOException)
        {
            // A reset: the server aborted the connection.
            return null;
        }
    }

    private static async Task<bool> ReadExactlyAsync(NetworkStream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private static async Task Eventually(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Keeps each WebSocket reading (so pongs are processed), optionally sending a text message on an interval.</summary>
    private sealed class StreamingHandler(LoopbackKeepAlive? keepAlive, TimeSpan? streamEvery) : ILoopbackHandler
    {
        public LoopbackKeepAlive? WebSocketKeepAlive => keepAlive;

        public Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
        {
            using var end = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sender = streamEvery is { } every ? SendAsync(socket, every, end.Token) : Task.CompletedTask;
            try
            {
                while (await socket.ReceiveTextAsync(cancellationToken) is not null)
                {
                    // Reading is what processes the peer's pongs; the messages themselves are not needed.
                }
            }
            finally
            {
                await end.CancelAsync();
                await sender.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        private static async Task SendAsync(WebSocket socket, TimeSpan every, CancellationToken cancellationToken)
        {
            var n = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                await socket.SendTextAsync($"tick {n++}", cancellationToken);
                await Task.Delay(every, cancellationToken);
            }
        }
    }
}
