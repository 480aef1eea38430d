using Microsoft.Extensions.DependencyInjection;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Auth.Legacy;

/// <summary>Provides the VMess header format "legacy" (MD5/HMAC authentication with alter IDs).</summary>
public sealed class LegacyPlugin : IPlugin
{
    /// <inheritdoc/>
    public string Name => "Auth.Legacy";

    /// <inheritdoc/>
    public void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IVMessHeaderAuthenticator, LegacyHeaderAuthenticator>();
}
