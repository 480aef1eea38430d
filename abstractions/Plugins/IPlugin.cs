using Microsoft.Extensions.DependencyInjection;

namespace VMessPlugins.Abstractions.Plugins;

/// <summary>
/// The entry point of a plugin assembly. The host finds exactly one public implementation per plugin
/// folder, creates it with its parameterless constructor and lets it register its services.
/// </summary>
public interface IPlugin
{
    /// <summary>The plugin's name, as used in <c>plugins.json</c> (normally the folder name).</summary>
    string Name { get; }

    /// <summary>Registers the plugin's factories (inbound, outbound, cipher suite, transport, ...).</summary>
    /// <remarks>Use <c>TryAddEnumerable</c>/<c>AddSingleton</c> on the factory interfaces; the host indexes them by name.</remarks>
    void ConfigureServices(IServiceCollection services, PluginContext context);
}
