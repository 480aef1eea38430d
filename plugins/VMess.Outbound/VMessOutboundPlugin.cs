using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>Provides the outbound protocol "vmess".</summary>
public sealed class VMessOutboundPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "VMess.Outbound";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IOutboundFactory, VMessOutboundFactory>();
}
