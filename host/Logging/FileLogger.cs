using Microsoft.Extensions.Logging;

namespace VMessPlugins.Host.Logging;

internal sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => provider.Accepts(category, logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            provider.Write(LogLine.Format(DateTimeOffset.Now, category, logLevel, formatter(state, exception), exception));
        }
    }
}
