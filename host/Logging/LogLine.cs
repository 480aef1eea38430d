using Microsoft.Extensions.Logging;

namespace VMessPlugins.Host.Logging;

/// <summary>V2Ray's line shape: <c>2026/11/28 03:04:05 [Warning] message</c>; access lines carry no level.</summary>
internal static class LogLine
{
    public const string AccessCategory = "Access";

    public static string Format(DateTimeOffset time, string category, LogLevel level, string message, Exception? exception)
    {
        var stamp = time.ToLocalTime().ToString("yyyy/MM/dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var line = category == AccessCategory ? $"{stamp} {message}" : $"{stamp} [{LevelName(level)}] {message}";
        return exception is null ? line : $"{line}{Environment.NewLine}{exception}";
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "Debug",
        LogLevel.Information => "Info",
        LogLevel.Warning => "Warning",
        _ => "Error",
    };
}
