using Microsoft.Extensions.Logging;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Logging;

/// <summary>
/// The part of <c>log</c> that a reload can change while running: the level of error lines and whether
/// access lines are written. Every logger filter reads it on each call (one volatile read).
/// </summary>
internal sealed class LogSwitch(LogSettings settings)
{
    private volatile LogSettings _settings = settings;

    public LogSettings Settings => _settings;

    public void Apply(LogSettings settings) => _settings = settings;

    public bool IsErrorLine(string category, LogLevel level)
    {
        var settings = _settings;
        return category != LogLine.AccessCategory && settings.Level != LogLevel.None && level >= settings.Level;
    }

    public bool IsAccessLine(string category, LogLevel level) =>
        category == LogLine.AccessCategory && !_settings.AccessOff && level >= LogLevel.Information;
}
