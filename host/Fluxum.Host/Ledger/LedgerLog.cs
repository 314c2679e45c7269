using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Ledger;

/// <summary>Log messages of the ledger store and its recorder (event ids 7400-7499).</summary>
internal static partial class LedgerLog
{
    [LoggerMessage(7400, LogLevel.Information, "Ledger store {Store} open (schema version {Version})")]
    public static partial void Opened(ILogger logger, string store, int version);

    [LoggerMessage(7401, LogLevel.Debug, "Ledger store: {New} of {Count} live ledger entries were new")]
    public static partial void Appended(ILogger logger, int @new, int count);

    [LoggerMessage(7402, LogLevel.Error, "Ledger store {Store}: {Count} live ledger entries could not be written ({Total} so far); fluxum ledger sync fetches them again: {Message}")]
    public static partial void AppendFailed(ILogger logger, Exception exception, string store, int count, long total, string message);

    [LoggerMessage(7403, LogLevel.Warning, "Ledger recorder: {Count} live ledger entries dropped, its buffer was full ({Total} so far); fluxum ledger sync fetches them again")]
    public static partial void Dropped(ILogger logger, long count, long total);

    [LoggerMessage(7404, LogLevel.Information, "Ledger recorder stopped: {Stored} live ledger entries stored, {Duplicates} already there, {Failed} not written, {Dropped} dropped")]
    public static partial void Stopped(ILogger logger, long stored, long duplicates, long failed, long dropped);
}
