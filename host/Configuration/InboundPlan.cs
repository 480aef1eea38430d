using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Host.Configuration;

/// <summary>
/// A fully resolved inbound: its handler, how to make a listener (not started) for one of its ports,
/// and how its ports are allocated.
/// </summary>
/// <param name="Definition">What the config says, as handed to the inbound's factory.</param>
/// <param name="Handler">The protocol handler that serves each accepted connection.</param>
/// <param name="CreateListener">Makes an unstarted listener on one port (already validated once).</param>
/// <param name="DefaultLevel">The policy level of sessions without a user.</param>
/// <param name="Allocation">Every port, or a few random ones that change.</param>
/// <param name="Shape">protocol, listen, port, allocate and streamSettings as text: equal shapes can keep their listeners.</param>
/// <param name="Fingerprint">The whole entry as text: equal fingerprints mean nothing changed.</param>
internal sealed record InboundPlan(
    InboundDefinition Definition,
    IInboundHandler Handler,
    Func<ushort, ITransportListener?> CreateListener,
    uint DefaultLevel,
    AllocationSettings Allocation,
    string Shape,
    string Fingerprint)
{
    public string Tag => Definition.Tag;

    /// <summary>"socks-in (socks)" or "socks" for an untagged one, for log lines.</summary>
    public string Label => Definition.Tag.Length > 0 ? $"{Definition.Tag} ({Definition.Protocol})" : Definition.Protocol;
}
