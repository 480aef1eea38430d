using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Logging;

/// <summary>
/// Builds the logger factory from <c>log</c>: error lines (every category but Access) at the configured
/// level, access lines at Information; each to its file if one is set, else to the console. The level
/// and the access switch stay adjustable through the <see cref="LogSwitch"/> (for live reload); the
/// files are fixed for the life of the factory.
/// </summary>
internal static class LoggingSetup
{
    /// <exception cref="IOException">A log file cannot be opened.</exception>
    public static ILoggerFactory Create(LogSettings settings) => Create(settings, new LogSwitch(settings));

    /// <exception cref="IOException">A log file cannot be opened.</exception>
    public static ILoggerFactory Create(LogSettings settings, LogSwitch levels)
    {
        var errorFile = settings.ErrorFile is null ? null : new FileLoggerProvider(settings.ErrorFile, levels.IsErrorLine);
        var accessFile = settings.AccessFile is null ? null : new FileLoggerProvider(settings.AccessFile, levels.IsAccessLine);
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            builder.AddConsole(options => options.FormatterName = LineConsoleFormatter.FormatterName)
                .AddConsoleFormatter<LineConsoleFormatter, ConsoleFormatterOptions>();
            builder.AddFilter<ConsoleLoggerProvider>((category, level) =>
                (errorFile is null && levels.IsErrorLine(category ?? "", level)) || (accessFile is null && levels.IsAccessLine(category ?? "", level)));
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
