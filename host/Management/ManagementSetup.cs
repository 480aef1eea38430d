using Microsoft.Extensions.Configuration;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Host.Configuration;

namespace VMessPlugins.Host.Management;

/// <summary>Finds the <c>management</c> section of the config files (the last file that has one wins).</summary>
internal static class ManagementSetup
{
    /// <returns>The settings, or null when the API is off or the section has errors (reported to <paramref name="diagnostics"/>).</returns>
    public static ManagementSettings? Read(IReadOnlyList<string> configFiles, ConfigDiagnostics diagnostics)
    {
        // Syntax errors are reported by the main config pass; here only the section's own problems count.
        var files = ConfigFileLoader.Load(configFiles, new ConfigDiagnostics());
        var last = files.LastOrDefault(f => f.Root.GetSection("management").Exists());
        return last is null ? null
            : ManagementSettingsReader.Read(new SettingsReader(last.Root.GetSection("management"), last.Name, diagnostics));
    }
}
