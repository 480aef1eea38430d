using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Plugins;

namespace VMessPlugins.Host.Plugins;

/// <summary>Finds plugin folders and checks each one's metadata; loads nothing.</summary>
internal static class PluginDiscovery
{
    public static IReadOnlyList<DiscoveredPlugin> Discover(PluginManifest manifest, ConfigDiagnostics diagnostics)
    {
        var found = new List<DiscoveredPlugin>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var root in manifest.Folders)
        {
            if (!Directory.Exists(root))
            {
                diagnostics.Warning(manifest.Path, "pluginFolders", $"folder {root} does not exist");
                continue;
            }

            foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                if (seen.TryGetValue(name, out var earlier))
                {
                    diagnostics.Error(manifest.Path, "pluginFolders", $"plugin \"{name}\" is in both {earlier} and {folder}");
                    continue;
                }

                seen[name] = folder;
                found.Add(Inspect(name, folder, manifest));
            }
        }

        return found;
    }

    private static DiscoveredPlugin Inspect(string name, string folder, PluginManifest manifest)
    {
        var state = !manifest.Plugins.TryGetValue(name, out var entry) ? PluginState.NotListed
            : entry.Enabled ? PluginState.Enabled : PluginState.Disabled;
        var features = entry?.Features ?? PluginSwitch.NoFeatures;
        var assembly = FindEntryAssembly(name, folder);
        if (assembly is null)
        {
            return new DiscoveredPlugin
            {
                Name = name, Folder = folder, State = state, Features = features,
                Problem = $"no VMessPlugins.{name}.dll (or single .dll) in {folder}",
            };
        }

        PluginAssemblyFacts? facts = null;
        string? problem = null;
        try
        {
            facts = PluginAssemblyInspector.Inspect(assembly);
            problem = CheckCompatibility(facts);
        }
        catch (Exception ex) when (ex is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            problem = $"not a valid .NET assembly ({ex.Message})";
        }

        return new DiscoveredPlugin
        {
            Name = name, Folder = folder, AssemblyPath = assembly, Facts = facts, State = state, Features = features, Problem = problem,
        };
    }

    private static string? CheckCompatibility(PluginAssemblyFacts facts)
    {
        if (facts.AbstractionsVersion is null)
        {
            return $"it does not reference {AbstractionsInfo.AssemblyName}";
        }

        return facts.AbstractionsVersion.Major == AbstractionsInfo.MajorVersion ? null
            : $"built against {AbstractionsInfo.AssemblyName} {facts.AbstractionsVersion}, but this host provides major version {AbstractionsInfo.MajorVersion}";
    }

    private static string? FindEntryAssembly(string name, string folder)
    {
        var conventional = Path.Combine(folder, $"VMessPlugins.{name}.dll");
        if (File.Exists(conventional))
        {
            return conventional;
        }

        var dlls = Directory.GetFiles(folder, "*.dll");
        return dlls.Length == 1 ? dlls[0] : null;
    }
}
