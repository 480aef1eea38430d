using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Logging;
using VMessPlugins.Host.Plugins;

namespace VMessPlugins.Host.Runtime;

/// <summary>Reads config files and plugins.json, loads the plugins, and resolves every inbound and outbound.</summary>
internal static class HostPreparation
{
    /// <returns>The prepared host, or null when an error stopped preparation early (see diagnostics).</returns>
    public static PreparedHost? Prepare(IReadOnlyList<string> configFiles, string manifestPath, ConfigDiagnostics diagnostics)
    {
        var files = ConfigFileLoader.Load(configFiles, diagnostics);
        if (diagnostics.HasErrors)
        {
            return null;
        }

        var document = ConfigDocumentReader.Read(files, diagnostics);
        ILoggerFactory loggerFactory;
        try
        {
            loggerFactory = LoggingSetup.Create(document.Log);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(files[^1].Name, "log", $"cannot open a log file: {ex.Message}");
            return null;
        }

        var directory = new InboundDirectory();
        var (services, plugins) = LoadPlugins(manifestPath, document, loggerFactory, diagnostics, directory);
        if (services is null)
        {
            loggerFactory.Dispose();
            return null;
        }

        var provider = services.Collection.BuildServiceProvider();
        var index = PluginIndex.Build(provider, services.Collection, services.Registrations, diagnostics);
        var plan = ProxyPlanBuilder.Build(document, index, diagnostics);
        return new PreparedHost { LoggerFactory = loggerFactory, Services = provider, Plan = plan, Plugins = plugins, Directory = directory };
    }

    /// <summary>Discovers and loads plugins only (for the <c>plugins</c> command).</summary>
    public static (PluginServices? Services, IReadOnlyList<DiscoveredPlugin> Plugins) LoadPlugins(
        string manifestPath, ConfigDocument? document, ILoggerFactory loggerFactory, ConfigDiagnostics diagnostics, InboundDirectory? directory = null)
    {
        var manifest = PluginManifestReader.Read(manifestPath, diagnostics);
        if (manifest is null)
        {
            return (null, []);
        }

        var discovered = PluginDiscovery.Discover(manifest, diagnostics);
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPolicyProvider>(document?.Policies ?? PolicyReader.Read(null));
        services.AddSingleton<IInboundDirectory>(directory ?? new InboundDirectory());
        var registrations = PluginActivator.LoadAll(discovered, services, diagnostics);
        return (new PluginServices(services, registrations), discovered);
    }
}
