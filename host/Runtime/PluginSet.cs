using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Host.Plugins;

namespace VMessPlugins.Host.Runtime;

/// <summary>The loaded plugins as one service provider, and their factories indexed by config name.</summary>
/// <param name="Provider">The services the plugins registered, with the host's.</param>
/// <param name="Index">Factories by protocol, network and security name.</param>
/// <param name="Plugins">Every plugin discovered, loaded or not (for listing).</param>
/// <param name="Signature">Which plugins run with which features: equal signatures can share a provider.</param>
internal sealed record PluginSet(ServiceProvider Provider, PluginIndex Index, IReadOnlyList<DiscoveredPlugin> Plugins, string Signature);
