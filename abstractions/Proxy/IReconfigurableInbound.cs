namespace VMessPlugins.Abstractions.Proxy;

/// <summary>
/// Optional, on an <see cref="IInboundHandler"/>: it can take changed settings in place, so a live reload
/// keeps its listeners and every open connection. The host only asks when the inbound's tag, protocol,
/// listen address, ports and stream settings are unchanged, and only after the factory has validated
/// the new settings by creating a fresh handler from them.
/// </summary>
public interface IReconfigurableInbound
{
    /// <summary>
    /// Applies <paramref name="definition"/>'s settings when everything that differs can change live (for
    /// VMess, the clients); returns false, changing nothing, to have the host replace the inbound instead.
    /// </summary>
    bool TryReconfigure(InboundDefinition definition);
}
