using System.Text.Json;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Gemini.Rest;

/// <summary>Turns Gemini's error objects (<c>{"result":"error","reason":...,"message":...}</c>) into typed errors.</summary>
internal static class GeminiErrors
{
    public static VenueApiException From(int status, ReadOnlyMemory<byte> body, string operation)
    {
        var (reason, message) = Parse(body);
        var kind = Kind(status, reason);
        var text = reason is null
            ? $"{operation} failed with HTTP {status}"
            : $"{operation} failed with HTTP {status}: {reason}: {message}";
        return new VenueApiException(GeminiPlugin.VenueName, kind, text, reason is null ? [] : [reason], status);
    }

    public static VenueErrorKind Kind(int status, string? reason) => reason switch
    {
        "InvalidSignature" or "InvalidApiKey" or "MissingApikeyHeader" or "MissingSignatureHeader" or "MissingPayloadHeader" or "InvalidApiKeyForEndpoint" or "AccountClosed" => VenueErrorKind.Authentication,
        "InvalidNonce" => VenueErrorKind.InvalidNonce,
        "RateLimit" or "RateLimited" => VenueErrorKind.RateLimited,
        "InvalidSymbol" or "InvalidJson" or "MissingRequired" or "UnsupportedOperation" => VenueErrorKind.InvalidRequest,
        _ => status switch
        {
            401 or 403 => VenueErrorKind.Authentication,
            429 => VenueErrorKind.RateLimited,
            >= 500 => VenueErrorKind.Unavailable,
            400 or 404 => VenueErrorKind.InvalidRequest,
            _ => VenueErrorKind.Other,
        },
    };

    private static (string? Reason, string? Message) Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("reason", out var reason))
            {
                return (reason.GetString(), root.TryGetProperty("message", out var m) ? m.GetString() : null);
            }
        }
        catch (JsonException)
        {
            // Not a Gemini error object (e.g. a proxy's HTML page): the HTTP status decides alone.
            return (null, null);
        }

        return (null, null);
    }
}
