using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace VMessPlugins.Tests.Transport.Tests.Support;

/// <summary>Keeps every formatted log line, so tests can check that a dropped client was logged once.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new LineLogger(_lines);

    public void Dispose()
    {
    }

    private sealed class LineLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
