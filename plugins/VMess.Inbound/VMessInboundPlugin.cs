using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.VMess.Inbound;

/// <summary>Provides the inbound protocol "vmess".</summary>
public sealed class VMessInboundPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "VMess.Inbound";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IInboundFactory, VMessInboundFactory>();
}
