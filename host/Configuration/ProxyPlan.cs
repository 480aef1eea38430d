using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Host.Routing;

namespace VMessPlugins.Host.Configuration;

/// <summary>Everything <c>run</c> needs, built and validated from config and plugins.</summary>
internal sealed class ProxyPlan
{
    public required IReadOnlyList<InboundPlan> Inbounds { get; init; }

    /// <summary>Outbound handlers by tag (the first of a tag wins; an untagged first outbound is under "").</summary>
    public required IReadOnlyDictionary<string, IOutboundHandler> Outbounds { get; init; }

    public required Router Router { get; init; }
}
