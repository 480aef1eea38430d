using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Http;

/// <summary>Provides the <c>http</c> inbound.</summary>
public sealed class HttpPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Http";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IInboundFactory, HttpInboundFactory>();
}
