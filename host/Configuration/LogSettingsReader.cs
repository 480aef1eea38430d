using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;

namespace VMessPlugins.Host.Configuration;

internal static class LogSettingsReader
{
    public static LogSettings Read(SettingsReader log)
    {
        log.WarnUnknownKeys("loglevel", "access", "error");
        var levelText = log.GetString("loglevel", "warning")!;
        var level = ParseLevel(levelText);
        if (level is null)
        {
            log.Error("loglevel", $"must be debug, info, warning, error or none, not \"{levelText}\"");
        }

        var access = log.GetString("access");
        var error = log.GetString("error");
        var accessOff = string.Equals(access, "none", StringComparison.OrdinalIgnoreCase);
        return new LogSettings(
            level ?? LogLevel.Warning,
            string.IsNullOrEmpty(access) || accessOff ? null : access,
            accessOff,
            string.IsNullOrEmpty(error) || string.Equals(error, "none", StringComparison.OrdinalIgnoreCase) ? null : error);
    }

    /// <summary>The <c>loglevel</c> word for a level, as config.json spells it.</summary>
    public static string NameOf(LogLevel level) => level switch
    {
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "none",
    };

    private static LogLevel? ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "none" => LogLevel.None,
        _ => null,
    };
}
