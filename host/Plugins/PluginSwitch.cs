namespace VMessPlugins.Host.Plugins;

/// <summary>One entry of plugins.json's <c>plugins</c> object.</summary>
internal sealed record PluginSwitch(bool Enabled, IReadOnlyDictionary<string, bool> Features)
{
    public static IReadOnlyDictionary<string, bool> NoFeatures { get; } = new Dictionary<string, bool>();
}
