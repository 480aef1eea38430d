using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.ChaCha20Poly1305;

/// <summary>Provides the VMess security "chacha20-poly1305".</summary>
public sealed class ChaCha20Poly1305Plugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Cipher.ChaCha20Poly1305";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IVMessCipherSuite, ChaChaSuite>();
}
