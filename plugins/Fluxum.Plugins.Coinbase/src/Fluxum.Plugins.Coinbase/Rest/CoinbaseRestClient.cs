using System.Security.Cryptography;
using System.Text.Json;
using Fluxum.Plugins.Coinbase.Auth;
using Fluxum.Sdk;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;

namespace Fluxum.Plugins.Coinbase.Rest;

/// <summary>Signed GETs over the host's transport: a fresh JWT (new nonce, new nbf) for every attempt.</summary>
internal sealed class CoinbaseRestClient
{
    private readonly IRestTransport _transport;
    private readonly Uri _base;
    private readonly VenueCredentials _credentials;
    private readonly string _venue;
    private readonly TimeProvider _time;
    private readonly Lazy<ECDsa> _key;

    public CoinbaseRestClient(IRestTransport transport, Uri baseUri, VenueCredentials credentials, string venue, TimeProvider time)
    {
        _transport = transport;
        _base = baseUri;
        _credentials = credentials;
        _venue = venue;
        _time = time;
        _key = new Lazy<ECDsa>(() => CoinbaseJwt.Key(credentials.ApiSecret));
    }

    public async Task<JsonDocument> GetAsync(string pathAndQuery, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(_base, pathAndQuery);
        var operation = "GET " + uri.AbsolutePath;
        RestRequest Sign()
        {
            var jwt = CoinbaseJwt.Create(_key.Value, _credentials.ApiKey, CoinbaseJwt.Uri("GET", uri), _time.GetUtcNow(), CoinbaseJwt.Nonce());
            return new RestRequest(HttpMethod.Get, uri)
            {
                Operation = operation,
                Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + jwt },
            };
        }

        var response = await _transport.SendAsync(SignedRequest.Create(Sign), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw CoinbaseErrors.From(_venue, response.StatusCode, response.Body, operation);
        }

        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException e)
        {
            throw new VenueApiException(_venue, VenueErrorKind.Other, $"{operation}: the answer is not JSON", httpStatus: response.StatusCode, inner: e);
        }
    }
}
