using System.Net;

namespace Fluxum.Host.Transport;

/// <summary>
/// The server answered the WebSocket upgrade request with a plain HTTP status instead of 101 (a venue
/// refusing a bad authenticated handshake answers 401). Names the server and the status, never a header.
/// </summary>
internal sealed class WebSocketHandshakeRefusedException : Exception
{
    /// <summary>Creates the exception for <paramref name="uri"/> refused with <paramref name="status"/>.</summary>
    /// <param name="uri">The server.</param>
    /// <param name="status">The status it answered with.</param>
    /// <param name="venueWords">The start of the response body (the venue's error words), or null.</param>
    /// <param name="inner">The client's exception.</param>
    public WebSocketHandshakeRefusedException(Uri uri, HttpStatusCode status, string? venueWords = null, Exception? inner = null)
        : base(Describe(uri, status, venueWords), inner)
    {
        Authority = uri.Authority;
        Status = status;
    }

    /// <summary>The server (host:port) that refused.</summary>
    public string Authority { get; }

    /// <summary>The HTTP status it answered with.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>401 or 403: the credentials were refused, so retrying with the same ones cannot help.</summary>
    public bool IsAuthenticationFailure => Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    private static string Describe(Uri uri, HttpStatusCode status, string? venueWords)
    {
        var what = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? "authentication failed (check the API key, its secret and its permissions)"
            : "no WebSocket was opened";
        var said = string.IsNullOrWhiteSpace(venueWords) ? string.Empty : $"; the server said: {venueWords}";
        return $"{uri.Authority} refused the WebSocket handshake with HTTP {(int)status} ({status}): {what}{said}";
    }
}
