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

    /// <summary>
    /// Looks at a WebSocket upgrade request (path, query, headers) before it is accepted: <see langword="null"/>
    /// accepts it, a <see cref="LoopbackRefusal"/> answers it with that HTTP status and body instead (no
    /// WebSocket is opened). The default accepts every upgrade.
    /// </summary>
    ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpListenerRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<LoopbackRefusal?>(null);
}
