using System.Net;
using System.Net.WebSockets;

namespace Fluxum.Sdk.Simulation;

/// <summary>Serves what arrives at a <see cref="LoopbackServer"/>.</summary>
public interface ILoopbackHandler
{
    /// <summary>Answers a plain HTTP request (write the response and close it).</summary>
    Task HandleHttpAsync(HttpListenerContext context, CancellationToken cancellationToken);

    /// <summary>Serves an accepted WebSocket until it closes.</summary>
    Task HandleWebSocketAsync(WebSocket socket, HttpListenerRequest request, CancellationToken cancellationToken);
}
