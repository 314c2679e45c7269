using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini.Rest;

/// <summary>REST log lines. Never a key, secret, payload or signature: only the operation and the venue's reason.</summary>
internal static partial class RestLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "gemini {Operation} failed: HTTP {Status}, {Kind}")]
    public static partial void Failed(ILogger logger, string operation, int status, Fluxum.Sdk.VenueErrorKind kind);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "gemini signed request {Operation} with key {Key}")]
    public static partial void Signed(ILogger logger, string operation, string key);
}
