using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Zero;

/// <summary>Provides the VMess security "zero".</summary>
public sealed class ZeroPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Cipher.Zero";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IVMessCipherSuite, ZeroSuite>();
}
