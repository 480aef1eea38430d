using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Configuration;
using VMessPlugins.Abstractions.Plugins;
using VMessPlugins.Abstractions.Policy;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Plugins;

namespace VMessPlugins.Host.Runtime;

/// <summary>
/// Loads plugins for the life of the process. A reload that enables the same plugins with the same
/// features gets the same service provider back (factories keep their state); otherwise a new provider
/// is built, re-registering plugins already loaded (an assembly is never loaded twice) and loading
/// newly enabled ones. Providers that were replaced stay alive until the host stops, since handlers
/// they made may still serve connections.
/// </summary>
internal sealed class PluginHost(ILoggerFactory loggerFactory, IPolicyProvider policies, IInboundDirectory directory, TimeProvider time) : IAsyncDisposable
{
    private readonly Dictionary<string, IPlugin> _loaded = new(StringComparer.Ordinal);
    private readonly List<ServiceProvider> _providers = [];
    private PluginSet? _current;

    /// <summary>The plugin entry points loaded so far, by assembly path (each assembly once per process).</summary>
    public IReadOnlyDictionary<string, IPlugin> Loaded => _loaded;

    /// <summary>The set in force (after <see cref="Commit"/>).</summary>
    public PluginSet? Current => _current;

    /// <summary>
    /// Reads <paramref name="manifestPath"/> and returns the plugin set it asks for: the current one when
    /// nothing changed, else a new one (to <see cref="Commit"/> or <see cref="DiscardAsync"/>).
    /// </summary>
    /// <returns>Null after reporting errors.</returns>
    public PluginSet? Load(string manifestPath, ConfigDiagnostics diagnostics)
    {
        var manifest = PluginManifestReader.Read(manifestPath, diagnostics);
        if (manifest is null)
        {
            return null;
        }

        var discovered = PluginDiscovery.Discover(manifest, diagnostics);
        var signature = Signature(discovered);
        if (_current is { } current && current.Signature == signature && !diagnostics.HasErrors)
        {
            return current;
        }

        var services = HostServices();
        var registrations = PluginActivator.LoadAll(discovered, services, diagnostics, _loaded);
        var provider = services.BuildServiceProvider();
        var index = PluginIndex.Build(provider, services, registrations, diagnostics);
        return new PluginSet(provider, index, discovered, signature);
    }

    /// <summary>Makes <paramref name="set"/> the one in force.</summary>
    public void Commit(PluginSet set)
    {
        if (!ReferenceEquals(set, _current))
        {
            _providers.Add(set.Provider);
            _current = set;
        }
    }

    /// <summary>Drops a set that was loaded but not used (a reload that failed).</summary>
    public async ValueTask DiscardAsync(PluginSet? set)
    {
        if (set is not null && !ReferenceEquals(set, _current))
        {
            await set.Provider.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
        }

        _providers.Clear();
    }

    /// <summary>The host's own services, which every plugin may take in its constructors.</summary>
    public ServiceCollection HostServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(time);
        services.AddSingleton(policies);
        services.AddSingleton(directory);
        return services;
    }

    private static string Signature(IReadOnlyList<DiscoveredPlugin> plugins) => string.Join(
        "\n",
        plugins.Where(p => p.State == PluginState.Enabled)
            .Select(p => $"{p.Name}|{p.AssemblyPath}|{p.Problem}|{string.Join(',', p.Features.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase).Select(f => $"{f.Key}={f.Value}"))}"));
}
