using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Policy;
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
        var levels = new LogSwitch(document.Log);
        ILoggerFactory loggerFactory;
        try
        {
            loggerFactory = LoggingSetup.Create(document.Log, levels);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(files[^1].Name, "log", $"cannot open a log file: {ex.Message}");
            return null;
        }

        var directory = new InboundDirectory();
        var policies = new SwitchablePolicies(document.Policies);
        var plugins = new PluginHost(loggerFactory, policies, directory, TimeProvider.System);
        var set = plugins.Load(manifestPath, diagnostics);
        if (set is null)
        {
            loggerFactory.Dispose();
            return null;
        }

        plugins.Commit(set);
        var plan = ProxyPlanBuilder.Build(document, set.Index, diagnostics);
        return new PreparedHost
        {
            ConfigFiles = configFiles,
            ManifestPath = manifestPath,
            Document = document,
            LoggerFactory = loggerFactory,
            LogSwitch = levels,
            Policies = policies,
            PluginHost = plugins,
            Plan = plan,
            Directory = directory,
        };
    }

    /// <summary>Discovers and loads plugins only (for the <c>plugins</c> command).</summary>
    public static (PluginServices? Services, IReadOnlyList<DiscoveredPlugin> Plugins) LoadPlugins(
        string manifestPath, ConfigDocument? document, ILoggerFactory loggerFactory, ConfigDiagnostics diagnostics)
    {
        var manifest = PluginManifestReader.Read(manifestPath, diagnostics);
        if (manifest is null)
        {
            return (null, []);
        }

        var discovered = PluginDiscovery.Discover(manifest, diagnostics);
        IPolicyProvider policies = document?.Policies ?? PolicyReader.Read(null);
        var services = new PluginHost(loggerFactory, policies, new InboundDirectory(), TimeProvider.System).HostServices();
        var registrations = PluginActivator.LoadAll(discovered, services, diagnostics);
        return (new PluginServices(services, registrations), discovered);
    }
}
