using Fluxum.Sdk.Transport;

namespace Fluxum.Host.Configuration;

/// <summary>
/// The REST transport handed to plugins during <c>fluxum config check</c>: checking connects nowhere, so
/// any request is refused with an exception saying so.
/// </summary>
internal sealed class OfflineRestTransport : IRestTransport
{
    /// <inheritdoc />
    public Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"no network during a configuration check (refused {request.Method} {request.Uri.GetLeftPart(UriPartial.Path)})");
}
