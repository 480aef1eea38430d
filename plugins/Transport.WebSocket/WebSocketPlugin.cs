using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>The WebSocket transport (network "ws", alias "websocket"), with TLS below it when configured.</summary>
public sealed class WebSocketPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Transport.WebSocket";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransportFactory, WebSocketTransportFactory>());
}
