using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tcp;

/// <summary>The default transport: plain TCP sockets (network "tcp").</summary>
public sealed class TcpPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Transport.Tcp";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransportFactory, TcpTransportFactory>());
}
