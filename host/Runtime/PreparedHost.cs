using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VMessPlugins.Host.Configuration;
using VMessPlugins.Host.Plugins;

namespace VMessPlugins.Host.Runtime;

/// <summary>Plugins loaded and config resolved; what <c>run</c> starts and <c>test</c> inspects.</summary>
internal sealed class PreparedHost : IAsyncDisposable
{
    public required ILoggerFactory LoggerFactory { get; init; }

    public required ServiceProvider Services { get; init; }

    public required ProxyPlan Plan { get; init; }

    public required IReadOnlyList<DiscoveredPlugin> Plugins { get; init; }

    /// <summary>The running inbounds as plugins see them (<see cref="Abstractions.Proxy.IInboundDirectory"/>).</summary>
    public required InboundDirectory Directory { get; init; }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync().ConfigureAwait(false);
        LoggerFactory.Dispose();
    }
}
