using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Host.Plugins;

/// <summary>Every plugin-provided service, indexed by its config name (case-insensitive), clash-checked.</summary>
internal sealed class PluginIndex
{
    private readonly FrozenDictionary<Type, FrozenDictionary<string, ProvidedName>> _byType;

    private PluginIndex(FrozenDictionary<Type, FrozenDictionary<string, ProvidedName>> byType) => _byType = byType;

    public T? Find<T>(string name)
        where T : class =>
        _byType.TryGetValue(typeof(T), out var names) && names.TryGetValue(name, out var found) ? (T)found.Instance : null;

    public IInboundFactory? Inbound(string protocol) => Find<IInboundFactory>(protocol);

    public IOutboundFactory? Outbound(string protocol) => Find<IOutboundFactory>(protocol);

    public ITransportFactory? Transport(string network) => Find<ITransportFactory>(network);

    public IConnectionLayerFactory? Security(string security) => Find<IConnectionLayerFactory>(security);

    public static PluginIndex Build(IServiceProvider provider, IServiceCollection services, PluginRegistrations registrations, ConfigDiagnostics diagnostics)
    {
        var byType = new Dictionary<Type, FrozenDictionary<string, ProvidedName>>();
        foreach (var serviceType in registrations.ServiceTypes)
        {
            if (serviceType.ContainsGenericParameters)
            {
                continue;
            }

            var names = new Dictionary<string, ProvidedName>(StringComparer.OrdinalIgnoreCase);
            foreach (var provided in Resolve(serviceType, provider, services, registrations, diagnostics))
            {
                provided.Owner?.Provides.Add($"{provided.Kind} {provided.Name}");
                if (names.TryGetValue(provided.Name, out var earlier))
                {
                    diagnostics.Error(null, "", $"plugins \"{earlier.Owner?.Name ?? "host"}\" and \"{provided.Owner?.Name ?? "host"}\" both provide {provided.Kind} \"{provided.Name}\"; disable one of them in plugins.json");
                    continue;
                }

                names[provided.Name] = provided;
            }

            byType[serviceType] = names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }

        return new PluginIndex(byType.ToFrozenDictionary());
    }

    private static IEnumerable<ProvidedName> Resolve(Type serviceType, IServiceProvider provider, IServiceCollection services, PluginRegistrations registrations, ConfigDiagnostics diagnostics)
    {
        // GetServices returns instances in registration order, so the i-th instance belongs to the i-th descriptor.
        var descriptors = services.Where(d => d.ServiceType == serviceType && !d.IsKeyedService).ToList();
        object?[] instances;
        try
        {
            instances = provider.GetServices(serviceType).ToArray();
        }
        catch (Exception ex)
        {
            var owners = string.Join(", ", descriptors.Select(d => registrations.OwnerOf(d)?.Name).OfType<string>().Distinct());
            diagnostics.Error(null, "", $"plugin {owners} could not create its {serviceType.Name}: {PluginActivator.Describe(ex)}");
            yield break;
        }

        var kind = ServiceNaming.KindOf(serviceType);
        for (var i = 0; i < instances.Length; i++)
        {
            var owner = i < descriptors.Count ? registrations.OwnerOf(descriptors[i]) : null;
            if (instances[i] is not { } instance)
            {
                continue;
            }

            foreach (var name in ServiceNaming.NamesOf(serviceType, instance))
            {
                yield return new ProvidedName(serviceType, kind, name, instance, owner);
            }
        }
    }
}
