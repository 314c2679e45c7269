using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Sdk.Simulation.Tests.Loopback;

/// <summary>A handler's <see cref="ILoopbackHandler.AdmitIncomingFrame"/>: every client frame shown, control frames included; a refusal disconnects.</summary>
public sealed class LoopbackIncomingFramesTests
{
    [Fact]
    public async Task AdmitIncomingFrame_SeesEveryClientFrameWithItsKind_ControlFramesIncluded()
    {
        var handler = new InspectingEcho(admitFirst: int.MaxValue);
        await using var server = await LoopbackServer.StartAsync(handler);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tcp = await ConnectAsync(server.Port, timeout.Token);
        var stream = tcp.GetStream();

        await SendFrameAsync(stream, 0x9, "are you there", timeout.Token);
        await SendFrameAsync(stream, 0xA, string.Empty, timeout.Token);
        await SendFrameAsync(stream, 0x1, new string('x', 300), timeout.Token);

        // The WebSocket still did its own work: the ping got its pong, the text its echo.
        Assert.Equal((0xA, "are you there"), await ReadFrameAsync(stream, timeout.Token));
        Assert.Equal((0x1, new string('x', 300)), await ReadFrameAsync(stream, timeout.Token));
        Assert.Equal([LoopbackFrameKind.Ping, LoopbackFrameKind.Pong, LoopbackFrameKind.Text], handler.Seen);
    }

    [Fact]
    public async Task AdmitIncomingFrame_Refused_TheClientIsDisconnectedThereWithNoCloseFrame()
    {
        var handler = new InspectingEcho(admitFirst: 2);
        await using var server = await LoopbackServer.StartAsync(handler);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tcp = await ConnectAsync(server.Port, timeout.Token);
        var stream = tcp.GetStream();

        // Three frames in one write: the first two are read and echoed, the third is refused.
        using var burst = new MemoryStream();
        foreach (var text in new[] { "a", "b", "c" })
        {
            burst.Write(Frame(0x1, text));
        }

        await stream.WriteAsync(burst.ToArray(), timeout.Token);

        Assert.Equal((0x1, "a"), await ReadFrameAsync(stream, timeout.Token));
        Assert.Equal((0x1, "b"), await ReadFrameAsync(stream, timeout.Token));
        Assert.Null(await ReadFrameAsync(stream, timeout.Token));
        Assert.Equal([LoopbackFrameKind.Text, LoopbackFrameKind.Text, LoopbackFrameKind.Text], handler.Seen);
        Assert.Equal(["a", "b"], handler.Received);
    }

    [Fact]
    public async Task InspectsIncomingFrames_AClientWebSocketConnectsAndTalksAsUsual()
    {
        var handler = new InspectingEcho(admitFirst: int.MaxValue);
        await using var server = await LoopbackServer.StartAsync(handler);
        using var client = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(server.WebSocketUri, timeout.Token);

        await client.SendTextAsync("hello", timeout.Token);

        Assert.Equal("hello", await client.ReceiveTextAsync(timeout.Token));
        Assert.Equal([LoopbackFrameKind.Text], handler.Seen);
        Assert.Equal(1, server.OpenWebSockets);
    }

    private static async Task<TcpClient> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = tcp.GetStream();
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

        // The handshake's accept key for the RFC's sample key (RFC 6455 1.3).
        Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head.ToString(), StringComparison.OrdinalIgnoreCase);
        return tcp;
    }

    /// <summary>A client frame: FIN, the opcode, masked (RFC 6455 5.3), with a 7- or 16-bit length.</summary>
    private static byte[] Frame(int opcode, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        byte[] mask = [0x12, 0x34, 0x56, 0x78];
        using var frame = new MemoryStream();
        frame.WriteByte((byte)(0x80 | opcode));
        if (payload.Length < 126)
        {
            frame.WriteByte((byte)(0x80 | payload.Length));
        }
        else
        {
            frame.WriteByte(0x80 | 126);
            frame.WriteByte((byte)(payload.Length >> 8));
            frame.WriteByte((byte)payload.Length);
        }

        frame.Write(mask);
        for (var i = 0; i < payload.Length; i++)
        {
            frame.WriteByte((byte)(payload[i] ^ mask[i % 4]));
        }

        return frame.ToArray();
    }

    private static async Task SendFrameAsync(NetworkStream stream, int opcode, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Frame(opcode, text), cancellationToken);

    /// <summary>One server frame (unmasked): its opcode and text; null when the server ended the connection.</summary>
    private static async Task<(int Opcode, string Text)?> ReadFrameAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        try
        {
            var header = new byte[2];
            if (!await ReadExactlyAsync(stream, header, cancellationToken))
            {
                return null;
            }

            var length = header[1] & 0x7F;
            if (length == 126)
            {
                var extended = new byte[2];
                if (!await ReadExactlyAsync(stream, extended, cancellationToken))
                {
                    return null;
                }

                length = (extended[0] << 8) | extended[1];
            }

            var payload = new byte[length];
            if (!await ReadExactlyAsync(stream, payload, cancellationToken))
            {
                return null;
            }

            return (header[0] & 0x0F, Encoding.UTF8.GetString(payload));
        }
        catch (IOException)
        {
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

    /// <summary>Echoes text messages; admits the first frames and refuses the rest; records what it saw.</summary>
    private sealed class InspectingEcho(int admitFirst) : ILoopbackHandler
    {
        private readonly ConcurrentQueue<LoopbackFrameKind> _seen = new();
        private readonly ConcurrentQueue<string> _received = new();

        public List<LoopbackFrameKind> Seen => [.. _seen];

        public List<string> Received => [.. _received];

        public bool InspectsIncomingFrames => true;

        public bool AdmitIncomingFrame(HttpContext context, LoopbackFrameKind kind)
        {
            _seen.Enqueue(kind);
            return _seen.Count <= admitFirst;
        }

        public Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken)
        {
            while (await socket.ReceiveTextAsync(cancellationToken) is { } text)
            {
                _received.Enqueue(text);
                await socket.SendTextAsync(text, cancellationToken);
            }
        }
    }
}
