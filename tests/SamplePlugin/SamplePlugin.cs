using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Tests.SamplePlugin;

/// <summary>
/// A third-party plugin in miniature: a "sample-door" inbound that forwards every connection to one
/// fixed destination, and a "sample-direct" outbound that dials through the configured transport.
/// </summary>
public sealed class SamplePlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "SamplePlugin";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        // Lets a test see how the host reports a plugin that fails while registering.
        if (!context.IsFeatureEnabled("well-behaved"))
        {
            services.AddSingleton<IOutboundFactory, DirectOutboundFactory>();
            throw new InvalidOperationException("switched to misbehave by plugins.json");
        }

        if (context.IsFeatureEnabled("door"))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IInboundFactory, DoorInboundFactory>());
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboundFactory, DirectOutboundFactory>());
    }
}
