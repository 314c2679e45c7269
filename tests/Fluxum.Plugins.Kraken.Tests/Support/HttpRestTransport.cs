using System.Net.Http.Headers;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Kraken.Tests.Support;

/// <summary>A small real REST transport over HttpClient (the host's own is not on main yet).</summary>
internal sealed class HttpRestTransport : IRestTransport, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body.ToArray());
            if (request.ContentType is { } type)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(message, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RestResponse((int)response.StatusCode, bytes)
        {
            RetryAfter = response.Headers.RetryAfter?.Delta,
        };
    }

    public void Dispose() => _http.Dispose();
}
