using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.None;

/// <summary>Provides the VMess security "none".</summary>
public sealed class NonePlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Cipher.None";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IVMessCipherSuite, NoneSuite>();
}
