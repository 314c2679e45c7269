using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fluxum.Host.Tests.EndToEnd;

/// <summary>A logger provider that keeps every formatted log line (event id, message, exception text, when).</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, string Category, string Text, DateTimeOffset At)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((eventId.Id, category, $"{formatter(state, exception)} {exception}", DateTimeOffset.UtcNow));
    }
}
