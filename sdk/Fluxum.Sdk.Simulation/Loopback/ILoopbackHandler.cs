using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Fluxum.Sdk.Simulation;

/// <summary>Serves what arrives at a <see cref="LoopbackServer"/>.</summary>
public interface ILoopbackHandler
{
    /// <summary>Answers a plain HTTP request (the response is complete when the returned task is).</summary>
    Task HandleHttpAsync(HttpContext context, CancellationToken cancellationToken);

    /// <summary>Serves an accepted WebSocket until it closes.</summary>
    Task HandleWebSocketAsync(WebSocket socket, HttpRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Looks at a WebSocket upgrade request (path, query, headers) before it is accepted: <see langword="null"/>
    /// accepts it, a <see cref="LoopbackRefusal"/> answers it with that HTTP status and body instead (no
    /// WebSocket is opened). The default accepts every upgrade.
    /// </summary>
    ValueTask<LoopbackRefusal?> InspectUpgradeAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<LoopbackRefusal?>(null);
}
