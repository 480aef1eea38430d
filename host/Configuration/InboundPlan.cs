using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Host.Configuration;

/// <summary>A fully resolved inbound: its handler and one listener (not started) per port.</summary>
internal sealed record InboundPlan(
    InboundDefinition Definition,
    IInboundHandler Handler,
    IReadOnlyList<ITransportListener> Listeners,
    uint DefaultLevel);
