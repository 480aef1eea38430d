namespace VMessPlugins.Host.Plugins;

/// <summary>Whether plugins.json lets a discovered plugin run.</summary>
internal enum PluginState
{
    Enabled,
    Disabled,
    NotListed,
}
