using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Abstractions.Proxy;

/// <summary>Sends proxied traffic on: directly, to another proxy, or nowhere.</summary>
public interface IOutboundHandler
{
    /// <summary>Opens a stream to <paramref name="destination"/>.</summary>
    /// <exception cref="ProxyException">The connection could not be made.</exception>
    ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken);

    /// <summary>Opens a datagram association; the first datagram will go to <paramref name="destination"/>.</summary>
    /// <exception cref="ProxyException">The outbound cannot carry UDP or the association failed.</exception>
    ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken);
}
