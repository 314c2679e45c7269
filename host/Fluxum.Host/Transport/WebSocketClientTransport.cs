using System.Net;
using System.Net.WebSockets;
using System.Runtime.ExceptionServices;
using Fluxum.Host.Transport.RateLimits;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;
using Websocket.Client;

namespace Fluxum.Host.Transport;

/// <summary>
/// Opens WebSockets with Websocket.Client. The library's own reconnect and no-message timer are switched
/// off: the session decides when to reconnect, so every state change stays visible. A connect to an endpoint that
/// declares its venue's connection limit (<see cref="WebSocketEndpoint.ConnectionLimit"/>) first waits until that
/// limit allows it (<see cref="ConnectionLimits"/>): held, counted and logged once, never refused for it; the wait
/// comes before the connect timeout starts.
/// </summary>
internal sealed class WebSocketClientTransport : IWebSocketTransport
{
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly WebSocketTransportOptions _options;

    // One handler for every upgrade (ClientWebSocket would otherwise create its own per connect); it also
    // keeps the body of a refused upgrade for the refusal's message.
    private readonly HttpMessageInvoker _invoker = new(new RefusalBodyCapture());

    /// <summary>Creates a transport.</summary>
    public WebSocketClientTransport(WebSocketTransportOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _options = options;
        _time = time;
        _loggerFactory = loggerFactory;
        ConnectionLimits = new ConnectionRateLimiters(time, loggerFactory.CreateLogger<WebSocketClientTransport>());
    }

    /// <summary>The venues' connection limits this transport keeps to, with their held-connect counts.</summary>
    public ConnectionRateLimiters ConnectionLimits { get; }

    /// <inheritdoc />
    public async Task<IWebSocketConnection> ConnectAsync(WebSocketEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        await ConnectionLimits.WaitAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var headers = endpoint.Headers;
        var client = new WebsocketClient(endpoint.Uri, logger: null, (uri, token) => OpenSocketAsync(uri, headers, token))
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
            ErrorReconnectTimeout = null,
            IsTextMessageConversionEnabled = false,
            ConnectTimeout = _options.ConnectTimeout,
            Name = endpoint.Uri.Authority,
        };
        var connection = new WebSocketClientConnection(client, _options.ReceiveBufferFrames, _options.ReceiveOverflowGrace, _time, _loggerFactory.CreateLogger<WebSocketClientConnection>());
        try
        {
            await client.StartOrFail().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (e.InnerException is WebSocketHandshakeRefusedException refused)
            {
                // Websocket.Client wraps the factory's exception; the refusal itself says what happened.
                ExceptionDispatchInfo.Throw(refused);
            }

            throw;
        }

        return connection;
    }

    /// <summary>Opens the socket; an upgrade answered with a plain HTTP status becomes a typed refusal.</summary>
    private async Task<WebSocket> OpenSocketAsync(Uri uri, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var socket = CreateSocket(headers);
        var refusal = RefusalBodyCapture.Open();
        try
        {
            await socket.ConnectAsync(uri, _invoker, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (WebSocketException e) when (socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw new WebSocketHandshakeRefusedException(uri, status, refusal.Body, e);
        }
        catch (Exception)
        {
            socket.Dispose();
            throw;
        }
    }

    private ClientWebSocket CreateSocket(IReadOnlyDictionary<string, string> headers)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = _options.KeepAliveInterval;
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        return socket;
    }
}
