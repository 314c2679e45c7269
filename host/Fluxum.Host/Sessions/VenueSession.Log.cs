using Fluxum.Sdk;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Sessions;

/// <summary>The session's log messages (never a secret: endpoints' headers and messages are not logged).</summary>
internal sealed partial class VenueSession
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "{Venue}: {Previous} -> {State}")]
    private static partial void LogState(Microsoft.Extensions.Logging.ILogger logger, string venue, SessionState previous, SessionState state);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "{Venue}: connect failed: {Problem}")]
    private static partial void LogConnectFailed(Microsoft.Extensions.Logging.ILogger logger, string venue, string problem);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "{Venue}: connection lost: {Reason}")]
    private static partial void LogConnectionLost(Microsoft.Extensions.Logging.ILogger logger, string venue, string reason);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "{Venue}: watchdog tripped after {SilenceMs:0} ms without a frame")]
    private static partial void LogWatchdog(Microsoft.Extensions.Logging.ILogger logger, string venue, double silenceMs);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "{Venue}: the venue refused {What}: {Error}")]
    private static partial void LogRejected(Microsoft.Extensions.Logging.ILogger logger, string venue, string what, string error);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "{Venue}: resyncing the {Symbol} book: {Reason}")]
    private static partial void LogResync(Microsoft.Extensions.Logging.ILogger logger, string venue, Symbol symbol, string reason);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Error, Message = "{Venue}: the protocol threw while {What}")]
    private static partial void LogProtocolFault(Microsoft.Extensions.Logging.ILogger logger, string venue, string what, Exception exception);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Debug, Message = "{Venue}: clean close failed: {Problem}")]
    private static partial void LogCloseFailed(Microsoft.Extensions.Logging.ILogger logger, string venue, string problem);
}
