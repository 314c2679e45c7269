using System.Net.Sockets;
using System.Text;

namespace Fluxum.Plugins.Binance.Tests;

/// <summary>
/// A WebSocket client over a bare TCP socket that reads the server's frames as they are (control frames included)
/// and never answers any: a peer that never pongs.
/// </summary>
internal sealed class RawWebSocketClient : IDisposable
{
    private readonly TcpClient _tcp = new();
    private NetworkStream? _stream;

    /// <summary>Ping frames read so far.</summary>
    public int Pings { get; private set; }

    /// <summary>Text frames read so far.</summary>
    public int Texts { get; private set; }

    public async Task ConnectAsync(Uri server, string pathAndQuery, CancellationToken cancellationToken)
    {
        await _tcp.ConnectAsync(server.Host, server.Port, cancellationToken);
        _stream = _tcp.GetStream();
        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {server.Host}:{server.Port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await _stream.ReadAsync(one, cancellationToken));
            head.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Reads frames until the server ends the connection (false: the token ran out first).</summary>
    public async Task<bool> ReadUntilDroppedAsync(CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException("not connected");
        try
        {
            while (true)
            {
                var header = new byte[2];
                if (!await ReadExactlyAsync(stream, header, cancellationToken))
                {
                    return true;
                }

                long length = header[1] & 0x7F;
                if (length >= 126)
                {
                    var extended = new byte[length == 126 ? 2 : 8];
                    if (!await ReadExactlyAsync(stream, extended, cancellationToken))
                    {
                        return true;
                    }

                    length = 0;
                    foreach (var b in extended)
                    {
                        length = (length << 8) | b;
                    }
                }

                if (!await ReadExactlyAsync(stream, new byte[length], cancellationToken))
                {
                    return true;
                }

                switch (header[0] & 0x0F)
                {
                    case 0x1: Texts++; break;
                    case 0x9: Pings++; break;
                    case 0x8: return true;
                }
            }
        }
        catch (IOException)
        {
            return true; // A reset: the server aborted the connection.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _tcp.Dispose();

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
}
