using Fluxum.Sdk;

namespace Fluxum.Plugins.Kraken.Rest;

/// <summary>Maps Kraken's error strings (<c>"EAPI:Invalid key"</c>, ...) and HTTP statuses to <see cref="VenueErrorKind"/>.</summary>
internal static class KrakenErrors
{
    public static VenueErrorKind Classify(IReadOnlyList<string> errors, int httpStatus)
    {
        foreach (var error in errors)
        {
            var kind = Classify(error);
            if (kind != VenueErrorKind.Other)
            {
                return kind;
            }
        }

        return httpStatus switch
        {
            429 => VenueErrorKind.RateLimited,
            401 or 403 => VenueErrorKind.Authentication,
            >= 500 => VenueErrorKind.Unavailable,
            >= 400 => VenueErrorKind.InvalidRequest,
            _ => VenueErrorKind.Other,
        };
    }

    public static VenueErrorKind Classify(string error) => error switch
    {
        _ when error.StartsWith("EAPI:Invalid nonce", StringComparison.Ordinal) => VenueErrorKind.InvalidNonce,
        _ when error.Contains("Rate limit", StringComparison.OrdinalIgnoreCase)
            || error.Contains("Too many requests", StringComparison.OrdinalIgnoreCase)
            || error.StartsWith("EGeneral:Temporary lockout", StringComparison.Ordinal) => VenueErrorKind.RateLimited,
        _ when error.StartsWith("EAPI:Invalid key", StringComparison.Ordinal)
            || error.StartsWith("EAPI:Invalid signature", StringComparison.Ordinal)
            || error.StartsWith("EGeneral:Permission denied", StringComparison.Ordinal) => VenueErrorKind.Authentication,
        _ when error.StartsWith("EService", StringComparison.Ordinal) => VenueErrorKind.Unavailable,
        _ when error.StartsWith("EGeneral:Invalid arguments", StringComparison.Ordinal)
            || error.StartsWith("EQuery", StringComparison.Ordinal) => VenueErrorKind.InvalidRequest,
        _ => VenueErrorKind.Other,
    };

    public static bool IsRetryable(VenueErrorKind kind) => kind is VenueErrorKind.RateLimited or VenueErrorKind.Unavailable;
}
