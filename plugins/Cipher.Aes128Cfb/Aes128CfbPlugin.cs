using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Aes128Cfb;

/// <summary>Provides the VMess security "aes-128-cfb" (V2Ray's "legacy").</summary>
public sealed class Aes128CfbPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Cipher.Aes128Cfb";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IVMessCipherSuite, Aes128CfbSuite>();
}
