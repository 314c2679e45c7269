using System.Net.WebSockets;
using System.Text;

namespace Fluxum.Sdk.Simulation;

/// <summary>Small helpers for simulators and test servers.</summary>
public static class WebSocketExtensions
{
    /// <summary>Sends <paramref name="text"/> as one text frame.</summary>
    public static Task SendTextAsync(this WebSocket socket, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>Receives one whole text message; null when the peer closed.</summary>
    public static async Task<string?> ReceiveTextAsync(this WebSocket socket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }
}
