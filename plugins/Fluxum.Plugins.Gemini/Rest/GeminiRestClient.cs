using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Kit;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini.Rest;

/// <summary>
/// Gemini REST over the host's transport: public GETs and signed private POSTs with fresh nonces. Each request
/// declares Gemini's documented rate for its group (<see cref="GeminiRateLimits"/>), so the host holds it rather
/// than earn a 429.
/// </summary>
internal sealed class GeminiRestClient
{
    private readonly IRestTransport _transport;
    private readonly Uri _base;
    private readonly VenueCredentials? _credentials;
    private readonly NonceSource _nonces;
    private readonly ILogger _log;
    private readonly RestRateLimit _public;
    private readonly RestRateLimit _private;

    public GeminiRestClient(IRestTransport transport, Uri baseUri, VenueCredentials? credentials, NonceSource nonces, TimeProvider time, ILogger log, string venue = GeminiPlugin.VenueName)
    {
        _public = GeminiRateLimits.Public(venue);
        _private = GeminiRateLimits.Private(venue);
        _log = log;
        _transport = transport;
        _base = baseUri;
        _credentials = credentials;
        _nonces = nonces;
        _ = time;
    }

    public async Task<ReadOnlyMemory<byte>> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        var request = new RestRequest(HttpMethod.Get, new Uri(_base, path)) { IsIdempotent = true, Operation = "GET " + path, RateLimit = _public };
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return response.Body;
        }

        var error = GeminiErrors.From(response.StatusCode, response.Body, request.Operation);
        RestLog.Failed(_log, request.Operation, response.StatusCode, error.Kind);
        throw error;
    }

    /// <summary>POSTs a signed request; <paramref name="fields"/> writes the payload's extra properties.</summary>
    public async Task<ReadOnlyMemory<byte>> PostPrivateAsync(string path, Action<Utf8JsonWriter>? fields, CancellationToken cancellationToken = default)
    {
        if (_credentials is null)
        {
            throw new VenueApiException(GeminiPlugin.VenueName, VenueErrorKind.MissingCredentials, $"POST {path} needs an API key and secret; none are configured");
        }

        var credentials = _credentials;
        var operation = "POST " + path;
        RestRequest Sign(long nonce)
        {
            var payload = GeminiSigner.Payload(BuildPayload(path, nonce, fields));
            RestLog.Signed(_log, operation, credentials.RedactedKey);
            return new RestRequest(HttpMethod.Post, new Uri(_base, path))
            {
                Operation = operation,
                ContentType = "text/plain",
                Body = ReadOnlyMemory<byte>.Empty,
                Headers = new Dictionary<string, string>
                {
                    ["X-GEMINI-APIKEY"] = credentials.ApiKey,
                    ["X-GEMINI-PAYLOAD"] = payload,
                    ["X-GEMINI-SIGNATURE"] = GeminiSigner.Sign(payload, credentials.ApiSecret),
                    ["Cache-Control"] = "no-cache",
                },
            };
        }

        // The host's pipeline is the only retry layer: the kit's signed request gives it a fresh nonce and
        // signature per attempt (Resign).
        var request = SignedRequest.Create(_nonces, Sign) with { RateLimit = _private };
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return response.Body;
        }

        var error = GeminiErrors.From(response.StatusCode, response.Body, operation);
        RestLog.Failed(_log, operation, response.StatusCode, error.Kind);
        throw error;
    }

    internal static string BuildPayload(string path, long nonce, Action<Utf8JsonWriter>? fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("request", path);
            writer.WriteNumber("nonce", nonce);
            fields?.Invoke(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
