using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Fluxum.Plugins.Gemini.Tests.Support;

/// <summary>Keeps every formatted log line (to prove secrets never reach one).</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
}
