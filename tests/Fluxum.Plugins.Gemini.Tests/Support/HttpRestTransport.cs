using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>A small real <see cref="IRestTransport"/> over HttpClient (the host will bring its own).</summary>
internal sealed class HttpRestTransport : IRestTransport, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public int Sent;

    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Sent);
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

        using var response = await _http.SendAsync(message, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RestResponse((int)response.StatusCode, bytes) { RetryAfter = response.Headers.RetryAfter?.Delta };
    }

    public void Dispose() => _http.Dispose();
}
