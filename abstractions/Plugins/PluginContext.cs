namespace VMessPlugins.Abstractions.Plugins;

/// <summary>What the host tells a plugin while it registers its services.</summary>
public sealed class PluginContext
{
    private readonly IReadOnlyDictionary<string, bool> _features;

    /// <summary>Creates a context; <paramref name="features"/> holds the per-feature switches from plugins.json.</summary>
    public PluginContext(string name, string directory, IReadOnlyDictionary<string, bool> features)
    {
        Name = name;
        Directory = directory;
        _features = features;
    }

    /// <summary>The plugin's name as listed in plugins.json.</summary>
    public string Name { get; }

    /// <summary>The folder the plugin was loaded from (for plugin-private data files).</summary>
    public string Directory { get; }

    /// <summary>
    /// Whether a named feature of this plugin is enabled. Features are on unless plugins.json switches
    /// them off, so a plugin stays fully usable when its entry lists no features.
    /// </summary>
    public bool IsFeatureEnabled(string feature) => !_features.TryGetValue(feature, out var enabled) || enabled;
}
