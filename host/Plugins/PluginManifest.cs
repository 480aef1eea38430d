namespace VMessPlugins.Host.Plugins;

/// <summary>plugins.json: where to look for plugins and which of them run.</summary>
/// <param name="Path">The manifest file (absolute).</param>
/// <param name="Folders">The plugin folders, resolved against the manifest's directory.</param>
/// <param name="Plugins">Listed plugins by name (case-insensitive).</param>
internal sealed record PluginManifest(string Path, IReadOnlyList<string> Folders, IReadOnlyDictionary<string, PluginSwitch> Plugins);
