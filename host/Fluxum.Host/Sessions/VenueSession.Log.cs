using Fluxum.Sdk;
using Fluxum.Sdk.Sessions;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Sessions;

/// <summary>The session's log messages (never a secret: endpoints' headers and messages are not logged).</summary>
internal sealed partial class VenueSession
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "{Connection}: {Previous} -> {State}")]
    private static partial void LogState(Microsoft.Extensions.Logging.ILogger logger, string connection, SessionState previous, SessionState state);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "{Connection}: connect failed: {Problem}")]
    private static partial void LogConnectFailed(Microsoft.Extensions.Logging.ILogger logger, string connection, string problem);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "{Connection}: connection lost: {Reason}")]
    private static partial void LogConnectionLost(Microsoft.Extensions.Logging.ILogger logger, string connection, string reason);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "{Connection}: watchdog tripped after {SilenceMs:0} ms without a frame")]
    private static partial void LogWatchdog(Microsoft.Extensions.Logging.ILogger logger, string connection, double silenceMs);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "{Connection}: the venue refused {What}: {Error}")]
    private static partial void LogRejected(Microsoft.Extensions.Logging.ILogger logger, string connection, string what, string error);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Information, Message = "{Connection}: resyncing the {Symbol} book: {Reason}")]
    private static partial void LogResync(Microsoft.Extensions.Logging.ILogger logger, string connection, Symbol symbol, string reason);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Error, Message = "{Connection}: the protocol threw while {What}")]
    private static partial void LogProtocolFault(Microsoft.Extensions.Logging.ILogger logger, string connection, string what, Exception exception);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Debug, Message = "{Connection}: clean close failed: {Problem}")]
    private static partial void LogCloseFailed(Microsoft.Extensions.Logging.ILogger logger, string connection, string problem);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Warning, Message = "{Connection}: the subscriptions got no acknowledgement and no data within {TimeoutMs:0} ms; reconnecting")]
    private static partial void LogSubscribeTimeout(Microsoft.Extensions.Logging.ILogger logger, string connection, double timeoutMs);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Warning, Message = "{Connection}: connection sequence jumped from {Previous} to {Sequence}: messages were lost; books marked stale, resubscribing")]
    private static partial void LogSequenceGap(ILogger logger, string connection, long previous, long sequence);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Information, Message = "{Connection}: resubscribing {Count} subscription(s): {Reason}")]
    private static partial void LogResubscribe(ILogger logger, string connection, int count, string reason);
}
