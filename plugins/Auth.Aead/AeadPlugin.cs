using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>Provides the VMess header format "aead".</summary>
public sealed class AeadPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Auth.Aead";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IVMessHeaderAuthenticator, AeadHeaderAuthenticator>();
}
