using Microsoft.Extensions.Logging;

namespace VMessPlugins.Host.Configuration;

/// <summary>The <c>log</c> object: a level, and where access and error lines go (null: console).</summary>
internal sealed record LogSettings(LogLevel Level, string? AccessFile, bool AccessOff, string? ErrorFile)
{
    public static LogSettings Default { get; } = new(LogLevel.Warning, null, false, null);
}
