namespace VMessPlugins.Host.Plugins;

/// <summary>One name a plugin registered: the kind of service and its config name.</summary>
internal readonly record struct ProvidedName(Type ServiceType, string Kind, string Name, object Instance, DiscoveredPlugin? Owner);
