using System.Text;
using System.Text.Json;
using Fluxum.Sdk;

namespace Fluxum.Plugins.Coinbase.Rest;

/// <summary>
/// Coinbase REST errors: a JSON body <c>{"error":"NOT_FOUND","error_details":"...","message":"..."}</c>
/// [UNCONFIRMED: shape observed, not in the reference pages read], or plain text (401 answers <c>Unauthorized</c>).
/// </summary>
internal static class CoinbaseErrors
{
    public static VenueApiException From(string venue, int status, ReadOnlyMemory<byte> body, string operation)
    {
        var (code, message) = Parse(body);
        var kind = status switch
        {
            401 or 403 => VenueErrorKind.Authentication,
            429 => VenueErrorKind.RateLimited,
            >= 500 => VenueErrorKind.Unavailable,
            400 or 404 => VenueErrorKind.InvalidRequest,
            _ => VenueErrorKind.Other,
        };
        var text = message is null ? $"{operation} failed with HTTP {status}" : $"{operation} failed with HTTP {status}: {message}";
        return new VenueApiException(venue, kind, text, code is null ? (message is null ? [] : [message]) : [code], status);
    }

    private static (string? Code, string? Message) Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var code = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (code, message ?? code);
            }
        }
        catch (JsonException)
        {
            // Plain text (e.g. "Unauthorized"): keep it, bounded.
        }

        var text = Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, 200)]).Trim();
        return (null, text.Length == 0 ? null : text);
    }
}
