using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

/// <summary>Provides the <c>socks</c> inbound.</summary>
public sealed class SocksPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Socks";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IInboundFactory, SocksInboundFactory>();
}
