using Fluxum.Sdk.Transport;

namespace Fluxum.Sdk.Testing.Transport;

/// <summary>
/// A real <see cref="IRestTransport"/> over <see cref="HttpClient"/> for tests against a simulator: it sends to
/// loopback addresses only (anything else is refused before a byte leaves) and never retries (the host's retry
/// pipeline is not part of a plugin test).
/// </summary>
public sealed class LoopbackRestTransport : IRestTransport, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _sent;

    /// <summary>Requests sent.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <inheritdoc />
    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Uri.IsLoopback || !(request.Uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || request.Uri.Host == "localhost"))
        {
            throw new InvalidOperationException($"LoopbackRestTransport sends to loopback addresses only, not {request.Uri.Host}");
        }

        Interlocked.Increment(ref _sent);
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        if (request.Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            if (request.ContentType is { } type)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new RestResponse((int)response.StatusCode, bytes) { RetryAfter = response.Headers.RetryAfter?.Delta };
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
