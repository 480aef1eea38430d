using Microsoft.Extensions.DependencyInjection;

namespace VMessPlugins.Host.Plugins;

/// <summary>Which plugin added each service descriptor, so name clashes can name both plugins.</summary>
internal sealed class PluginRegistrations
{
    private readonly Dictionary<ServiceDescriptor, DiscoveredPlugin> _owners = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<DiscoveredPlugin> Loaded => _loaded;

    private readonly List<DiscoveredPlugin> _loaded = [];

    public void Record(DiscoveredPlugin plugin, IEnumerable<ServiceDescriptor> added)
    {
        _loaded.Add(plugin);
        foreach (var descriptor in added)
        {
            _owners[descriptor] = plugin;
        }
    }

    public DiscoveredPlugin? OwnerOf(ServiceDescriptor descriptor) => _owners.GetValueOrDefault(descriptor);

    public IEnumerable<Type> ServiceTypes => _owners.Keys.Select(d => d.ServiceType).Distinct();
}
