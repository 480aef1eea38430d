using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Abstractions.Proxy;

/// <summary>Serves the connections accepted by one inbound.</summary>
public interface IInboundHandler
{
    /// <summary>
    /// Reads the client's request from <paramref name="client"/>, dispatches it and relays until done.
    /// Malformed input ends with a <see cref="ProxyException"/> (logged by the host as one line).
    /// The host disposes <paramref name="client"/> afterwards.
    /// </summary>
    ValueTask HandleAsync(IConnection client, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken);
}
