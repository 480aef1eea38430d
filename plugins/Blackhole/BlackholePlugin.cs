using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Blackhole;

/// <summary>Provides the <c>blackhole</c> outbound.</summary>
public sealed class BlackholePlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Blackhole";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IOutboundFactory, BlackholeOutboundFactory>();
}
