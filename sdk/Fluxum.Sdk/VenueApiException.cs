namespace Fluxum.Sdk;

/// <summary>The broad reason a venue request failed, so callers can react without parsing text.</summary>
public enum VenueErrorKind
{
    /// <summary>Key, signature or permission problem.</summary>
    Authentication,

    /// <summary>The nonce was not larger than the last one.</summary>
    InvalidNonce,

    /// <summary>Too many requests; try later.</summary>
    RateLimited,

    /// <summary>The request was malformed or named something unknown.</summary>
    InvalidRequest,

    /// <summary>The venue is down or failed (5xx, maintenance).</summary>
    Unavailable,

    /// <summary>Missing credentials for a private call.</summary>
    MissingCredentials,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>A typed error from a venue: what kind, and the venue's own error words (never a secret).</summary>
public sealed class VenueApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VenueApiException(string venue, VenueErrorKind kind, string message, IReadOnlyList<string>? venueErrors = null, int? httpStatus = null, Exception? inner = null)
        : base($"{venue}: {message}", inner)
    {
        Venue = venue;
        Kind = kind;
        VenueErrors = venueErrors ?? [];
        HttpStatus = httpStatus;
    }

    /// <summary>The venue that answered.</summary>
    public string Venue { get; }

    /// <summary>The broad reason.</summary>
    public VenueErrorKind Kind { get; }

    /// <summary>The venue's error strings or codes, verbatim.</summary>
    public IReadOnlyList<string> VenueErrors { get; }

    /// <summary>The HTTP status, when the error came over REST.</summary>
    public int? HttpStatus { get; }
}
