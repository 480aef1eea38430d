using System.Text.Json;

namespace VMessPlugins.Tests.Transport.Tests.Interop;

/// <summary>plugins.json files for the host under test.</summary>
internal static class HostPlugins
{
    /// <summary>Scans <paramref name="folder"/> and enables every plugin folder in it by name.</summary>
    public static string EnableAllIn(string folder) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["pluginFolders"] = new[] { folder },
            ["plugins"] = Directory.GetDirectories(folder).ToDictionary(d => Path.GetFileName(d), _ => true),
        });
}
