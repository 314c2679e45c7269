using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Sdk.Kit;

/// <summary>
/// A signed REST call on the host's one retry pipeline: the request is built from a fresh nonce, and
/// <see cref="RestRequest.Resign"/> builds it again from the next nonce, so every attempt the host makes is
/// signed anew. The plugin sends it once and never retries it itself.
/// </summary>
public static class SignedRequest
{
    /// <summary>
    /// Builds the first attempt with <paramref name="sign"/> over the next nonce of <paramref name="nonces"/>,
    /// with <see cref="RestRequest.Resign"/> doing the same for each retry (a request that comes back
    /// <see cref="RestRequest.IsIdempotent"/> is retried as it is, without re-signing).
    /// </summary>
    public static RestRequest Create(NonceSource nonces, Func<long, RestRequest> sign)
    {
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(sign);
        return Create(() => sign(nonces.Next()));
    }

    /// <summary>
    /// Builds the first attempt with <paramref name="sign"/>, which takes its own fresh nonce on every call, and
    /// sets <see cref="RestRequest.Resign"/> to it unless the request is idempotent.
    /// </summary>
    public static RestRequest Create(Func<RestRequest> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var first = sign();
        return first.IsIdempotent ? first : first with { Resign = sign };
    }
}
