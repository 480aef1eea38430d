using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tls;

/// <summary>The TLS security layer (<c>streamSettings.security: "tls"</c>), for any transport.</summary>
public sealed class TlsPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Transport.Tls";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionLayerFactory, TlsLayerFactory>());
}
