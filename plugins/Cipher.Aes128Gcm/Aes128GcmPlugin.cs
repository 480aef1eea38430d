using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Aes128Gcm;

/// <summary>Provides the VMess security "aes-128-gcm".</summary>
public sealed class Aes128GcmPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Cipher.Aes128Gcm";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IVMessCipherSuite, Aes128GcmSuite>();
}
