namespace Fluxum.Sdk.Transport;

/// <summary>An HTTP request built (and signed) by a plugin, sent by the host.</summary>
/// <param name="Method">GET, POST, ...</param>
/// <param name="Uri">The absolute address.</param>
public sealed record RestRequest(HttpMethod Method, Uri Uri)
{
    /// <summary>Request headers (signatures go here; the host never logs their values).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The exact body bytes (signatures are computed over them).</summary>
    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>The body's content type.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// True when sending twice does no harm, so the host may retry it as it is. Signed calls with a nonce are
    /// not idempotent at the transport level: a retry needs a new nonce, see <see cref="Resign"/>.
    /// </summary>
    public bool IsIdempotent { get; init; }

    /// <summary>
    /// Builds a fresh, freshly signed copy of this request (a new nonce and signature). When set, the host may
    /// retry the request under its own retry policy, calling this once per retry and sending the result; the
    /// host is then the only retry layer, so a plugin must not retry the call itself. Null: a non-idempotent
    /// request is sent once.
    /// </summary>
    public Func<RestRequest>? Resign { get; init; }

    /// <summary>
    /// Optional: true when a response the HTTP status calls final (typically a 200 carrying a venue error such
    /// as a rate limit or "service unavailable" in its body) is transient and worth a retry. The host already
    /// treats 408, 429, 5xx and transport failures as transient; this only adds to them. Retry-After is honoured.
    /// </summary>
    public Func<RestResponse, bool>? IsTransientAnswer { get; init; }

    /// <summary>A short name for logs and metrics (e.g. <c>Ledgers</c>).</summary>
    public string? Operation { get; init; }

    /// <summary>
    /// Optional: the venue's documented client limit this request draws from. The host takes <see cref="Cost"/>
    /// from it before every attempt (each retry costs again, as it does at the venue) and holds the request until
    /// the limit allows it, outside the attempt timeout; a held request is counted and logged, never failed.
    /// A re-signed retry (<see cref="Resign"/>) draws from this request's limit. Null: not limited by the host.
    /// </summary>
    public RestRateLimit? RateLimit { get; init; }

    /// <summary>What one attempt of this request costs against <see cref="RateLimit"/> (Kraken: 2 for ledger and trade-history calls, else 1).</summary>
    public int Cost { get; init; } = 1;
}

/// <summary>An HTTP response.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The body bytes.</param>
public sealed record RestResponse(int StatusCode, ReadOnlyMemory<byte> Body)
{
    /// <summary>Response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}

/// <summary>Sends HTTP requests with the host's resilience policy (timeouts, retries, 429 handling).</summary>
public interface IRestTransport
{
    /// <summary>Sends a request. HTTP errors come back as responses; only transport failures throw.</summary>
    Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default);
}
