using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Transport;

namespace XorTransportPlugin;

/// <summary>
/// The plugin's entry point: the host finds this one public <see cref="IPlugin"/>, creates it and lets it
/// register its transport factory.
/// </summary>
public sealed class XorPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Transport.Xor";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransportFactory, XorTransportFactory>());
}
