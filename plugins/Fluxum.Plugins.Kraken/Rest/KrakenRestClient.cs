using System.Globalization;
using System.Text;
using System.Text.Json;
using Fluxum.Sdk;
using Fluxum.Sdk.Plugins;
using Fluxum.Sdk.Transport;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Kraken.Rest;

/// <summary>
/// Kraken REST over the host's <see cref="IRestTransport"/>: public GETs and signed private POSTs with
/// strictly increasing nonces. Reads the <c>{"error":[..],"result":..}</c> envelope; errors become
/// <see cref="VenueApiException"/>s. It never retries itself: signed calls carry
/// <see cref="RestRequest.Resign"/> so the host's pipeline retries them with a fresh nonce, and rate limits or
/// unavailability reported in a 200 body are marked transient for it. Private calls declare the API key's call
/// counter (<see cref="KrakenRateLimits"/>), so the host holds them before Kraken would refuse one.
/// Never logs or throws the secret, the signature or a token.
/// </summary>
internal sealed class KrakenRestClient
{
    private static readonly Action<ILogger, string, string, Exception?> LogFailure = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(4102, "KrakenRestFailed"), "Kraken {Method} failed: {Errors}");

    private readonly VenueContext _context;
    private readonly NonceSource _nonces;
    private readonly ILogger _logger;
    private readonly Uri _base;
    private readonly RestRateLimit _limit;

    public KrakenRestClient(VenueContext context, NonceSource nonces)
    {
        _context = context;
        _nonces = nonces;
        _logger = context.LoggerFactory.CreateLogger("Fluxum.Plugins.Kraken.Rest");
        _base = context.Endpoint(KrakenEndpoints.Rest, KrakenEndpoints.DefaultRest);
        _limit = KrakenRateLimits.Private(context.Venue, KrakenTier.Read(context.Settings, problems: null));
    }

    public Task<JsonElement> PublicAsync(string method, string? query = null, CancellationToken cancellationToken = default) =>
        SendAsync(method, () => new RestRequest(HttpMethod.Get, new Uri(_base, $"0/public/{method}{(query is null ? "" : "?" + query)}"))
        {
            Headers = new Dictionary<string, string> { ["User-Agent"] = "fluxum-kraken/1.0" },
            IsIdempotent = true,
            Operation = method,
        }, cancellationToken);

    public Task<JsonElement> PrivateAsync(string method, IReadOnlyList<KeyValuePair<string, string>>? parameters = null, CancellationToken cancellationToken = default)
    {
        if (_context.Credentials is not { } credentials)
        {
            throw new VenueApiException(_context.Venue, VenueErrorKind.MissingCredentials,
                $"Kraken {method} needs API credentials: configure an API key and secret for venue '{_context.Venue}'.");
        }

        var path = $"/0/private/{method}";
        return SendAsync(method, () =>
        {
            var nonce = _nonces.Next().ToString(CultureInfo.InvariantCulture);
            var body = FormBody(nonce, parameters);
            string signature;
            try
            {
                signature = KrakenSigner.Sign(path, nonce, body, credentials.ApiSecret);
            }
            catch (FormatException e)
            {
                throw new VenueApiException(_context.Venue, VenueErrorKind.Authentication, $"cannot sign {method}: {e.Message}");
            }

            return new RestRequest(HttpMethod.Post, new Uri(_base, path.TrimStart('/')))
            {
                Headers = new Dictionary<string, string>
                {
                    ["API-Key"] = credentials.ApiKey,
                    ["API-Sign"] = signature,
                    ["User-Agent"] = "fluxum-kraken/1.0",
                },
                Body = Encoding.UTF8.GetBytes(body),
                ContentType = "application/x-www-form-urlencoded; charset=utf-8",
                Operation = method,
                RateLimit = KrakenRateLimits.Cost(method) > 0 ? _limit : null,
                Cost = KrakenRateLimits.Cost(method),
            };
        }, cancellationToken);
    }

    internal static string FormBody(string nonce, IReadOnlyList<KeyValuePair<string, string>>? parameters)
    {
        var body = new StringBuilder("nonce=").Append(nonce);
        foreach (var (key, value) in parameters ?? [])
        {
            body.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return body.ToString();
    }

    private async Task<JsonElement> SendAsync(string method, Func<RestRequest> build, CancellationToken cancellationToken)
    {
        // The host's pipeline is the only retry layer: it re-signs through Resign (a fresh nonce per attempt)
        // and treats a rate limit or unavailability in a 200 body as transient through IsTransientAnswer.
        var first = build();
        var request = first with
        {
            Resign = first.IsIdempotent ? null : build,
            IsTransientAnswer = answer => KrakenErrors.IsRetryable(KrakenErrors.Classify(Parse(method, answer).Errors, answer.StatusCode)),
        };
        var response = await _context.Rest.SendAsync(request, cancellationToken);
        var (errors, result) = Parse(method, response);
        if (errors.Count == 0 && response.IsSuccess && result is { } ok)
        {
            return ok;
        }

        var kind = KrakenErrors.Classify(errors, response.StatusCode);
        var detail = errors.Count > 0 ? string.Join(", ", errors) : $"HTTP {response.StatusCode}";
        LogFailure(_logger, method, detail, null);
        var message = kind switch
        {
            VenueErrorKind.Authentication => $"{method} was refused: authentication failed ({detail}); check the API key and secret",
            VenueErrorKind.InvalidNonce => $"{method} was refused: invalid nonce ({detail}); nonces must increase for each API key",
            VenueErrorKind.RateLimited => $"{method} was rate limited ({detail}); the host's retries are exhausted",
            VenueErrorKind.Unavailable => $"{method} failed: Kraken is unavailable ({detail}); the host's retries are exhausted",
            _ => $"{method} failed: {detail}",
        };
        throw new VenueApiException(_context.Venue, kind, message, errors, response.StatusCode);
    }

    private static (IReadOnlyList<string> Errors, JsonElement? Result) Parse(string method, RestResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            var errors = new List<string>();
            if (root.TryGetProperty("error", out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in array.EnumerateArray())
                {
                    errors.Add(e.GetString() ?? e.GetRawText());
                }
            }

            JsonElement? result = root.TryGetProperty("result", out var r) ? r.Clone() : null;
            if (errors.Count == 0 && result is null && response.IsSuccess)
            {
                errors.Add($"response to {method} has neither 'error' nor 'result'");
            }

            return (errors, result);
        }
        catch (JsonException)
        {
            return (response.IsSuccess ? [$"response to {method} is not JSON"] : [], null);
        }
    }
}
