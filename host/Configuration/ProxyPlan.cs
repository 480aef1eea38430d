using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Routing;

namespace VMessPlugins.Host.Configuration;

/// <summary>Everything <c>run</c> needs, built and validated from config and plugins.</summary>
internal sealed class ProxyPlan : IAsyncDisposable
{
    public required IReadOnlyList<InboundPlan> Inbounds { get; init; }

    /// <summary>Outbound handlers by tag (the first of a tag wins; an untagged first outbound is under "").</summary>
    public required IReadOnlyDictionary<string, IOutboundHandler> Outbounds { get; init; }

    public required Router Router { get; init; }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var listener in Inbounds.SelectMany(i => i.Listeners))
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }
}
