using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Logging;
using VMessPlugins.Host.Plugins;

namespace VMessPlugins.Host.Runtime;

/// <summary>Plugins loaded and config resolved; what <c>run</c> starts (and reloads) and <c>test</c> inspects.</summary>
internal sealed class PreparedHost : IAsyncDisposable
{
    /// <summary>The config files as given (a reload reads them again).</summary>
    public required IReadOnlyList<string> ConfigFiles { get; init; }

    public required string ManifestPath { get; init; }

    public required ConfigDocument Document { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>The adjustable log level and access switch.</summary>
    public required LogSwitch LogSwitch { get; init; }

    /// <summary>The policy levels plugins see; a reload swaps what it answers from.</summary>
    public required SwitchablePolicies Policies { get; init; }

    public required PluginHost PluginHost { get; init; }

    public required ProxyPlan Plan { get; init; }

    /// <summary>The running inbounds as plugins see them (<see cref="Abstractions.Proxy.IInboundDirectory"/>).</summary>
    public required InboundDirectory Directory { get; init; }

    public ServiceProvider Services => PluginHost.Current!.Provider;

    public IReadOnlyList<DiscoveredPlugin> Plugins => PluginHost.Current!.Plugins;

    public async ValueTask DisposeAsync()
    {
        await PluginHost.DisposeAsync().ConfigureAwait(false);
        LoggerFactory.Dispose();
    }
}
