namespace VMessPlugins.Host.Plugins;

/// <summary>A plugin folder found on disk, before (or instead of) loading it.</summary>
internal sealed class DiscoveredPlugin
{
    public required string Name { get; init; }

    public required string Folder { get; init; }

    /// <summary>The entry assembly, or null when the folder has none.</summary>
    public string? AssemblyPath { get; init; }

    public PluginAssemblyFacts? Facts { get; init; }

    public required PluginState State { get; init; }

    public required IReadOnlyDictionary<string, bool> Features { get; init; }

    /// <summary>Why the plugin cannot be loaded, found without loading it.</summary>
    public string? Problem { get; init; }

    /// <summary>What the loaded plugin registered (<c>inbound:socks</c>, ...), filled in after loading.</summary>
    public List<string> Provides { get; } = [];

    public bool Loaded { get; set; }

    public string StateText => State switch
    {
        PluginState.Enabled => Problem is null ? "enabled" : "enabled (refused: " + Problem + ")",
        PluginState.Disabled => "disabled (plugins.json)",
        _ => "disabled (not listed in plugins.json)",
    };
}
