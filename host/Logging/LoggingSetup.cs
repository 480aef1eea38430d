using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Logging;

/// <summary>
/// Builds the logger factory from <c>log</c>: error lines (every category but Access) at the configured
/// level, access lines at Information; each to its file if one is set, else to the console.
/// </summary>
internal static class LoggingSetup
{
    /// <exception cref="IOException">A log file cannot be opened.</exception>
    public static ILoggerFactory Create(LogSettings settings)
    {
        bool IsErrorLine(string category, LogLevel level) =>
            category != LogLine.AccessCategory && settings.Level != LogLevel.None && level >= settings.Level;
        bool IsAccessLine(string category, LogLevel level) =>
            category == LogLine.AccessCategory && !settings.AccessOff && level >= LogLevel.Information;

        var errorFile = settings.ErrorFile is null ? null : new FileLoggerProvider(settings.ErrorFile, IsErrorLine);
        var accessFile = settings.AccessFile is null ? null : new FileLoggerProvider(settings.AccessFile, IsAccessLine);
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            builder.AddConsole(options => options.FormatterName = LineConsoleFormatter.FormatterName)
                .AddConsoleFormatter<LineConsoleFormatter, ConsoleFormatterOptions>();
            builder.AddFilter<ConsoleLoggerProvider>((category, level) =>
                (errorFile is null && IsErrorLine(category ?? "", level)) || (accessFile is null && IsAccessLine(category ?? "", level)));
            if (errorFile is not null)
            {
                builder.AddProvider(errorFile);
            }

            if (accessFile is not null)
            {
                builder.AddProvider(accessFile);
            }
        });
    }
}
