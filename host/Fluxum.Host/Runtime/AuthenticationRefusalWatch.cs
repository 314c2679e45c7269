using Fluxum.Host.Transport;
using Fluxum.Sdk.Transport;

namespace Fluxum.Host.Runtime;

/// <summary>
/// Wraps the transport of a venue's authenticated session and remembers a handshake the venue refused
/// for its credentials (HTTP 401/403), so the runtime can end that session instead of retrying the same
/// refused credentials. The refusal still reaches the session as the connect failure it is.
/// </summary>
internal sealed class AuthenticationRefusalWatch : IWebSocketTransport
{
    private readonly IWebSocketTransport _inner;
    private WebSocketHandshakeRefusedException? _refusal;

    public AuthenticationRefusalWatch(IWebSocketTransport inner) => _inner = inner;

    /// <summary>The first refusal of the credentials, or null.</summary>
    public WebSocketHandshakeRefusedException? Refusal => Volatile.Read(ref _refusal);

    /// <inheritdoc />
    public async Task<IWebSocketConnection> ConnectAsync(WebSocketEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketHandshakeRefusedException e) when (e.IsAuthenticationFailure)
        {
            Interlocked.CompareExchange(ref _refusal, e, null);
            throw;
        }
    }
}
