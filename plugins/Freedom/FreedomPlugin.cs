using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Freedom;

/// <summary>Provides the <c>freedom</c> outbound (direct connections).</summary>
public sealed class FreedomPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Freedom";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IOutboundFactory, FreedomOutboundFactory>();
}
