using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace VMessPlugins.Host.Logging;

/// <summary>Writes console entries as single V2Ray-style lines.</summary>
internal sealed class LineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "v2ray";

    public override void Write<TState>(in LogEntry<TState> logEntry, Microsoft.Extensions.Logging.IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        textWriter.WriteLine(LogLine.Format(DateTimeOffset.Now, logEntry.Category, logEntry.LogLevel, message, logEntry.Exception));
    }
}
