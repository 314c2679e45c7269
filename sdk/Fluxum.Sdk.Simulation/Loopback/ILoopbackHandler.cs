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

    /// <summary>
    /// How the server keeps the WebSockets it accepts alive: ping frames on an interval and a pong timeout, as a
    /// venue's server does; <see langword="null"/> (the default) keeps ASP.NET Core's defaults (no pings: an
    /// unsolicited pong every 2 minutes, no timeout). Read once per accepted WebSocket.
    /// </summary>
    LoopbackKeepAlive? WebSocketKeepAlive => null;
}
