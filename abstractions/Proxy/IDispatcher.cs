using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Abstractions.Proxy;

/// <summary>
/// What an inbound hands decoded requests to: it routes them to an outbound, connects, and relays.
/// Provided by the host.
/// </summary>
public interface IDispatcher
{
    /// <summary>Routes <paramref name="session"/> to an outbound and opens a stream to <paramref name="destination"/>.</summary>
    /// <exception cref="ProxyException">The outbound could not connect.</exception>
    ValueTask<IConnection> ConnectAsync(Destination destination, SessionContext session, CancellationToken cancellationToken);

    /// <summary>Routes and opens a datagram association whose first datagram goes to <paramref name="destination"/>.</summary>
    ValueTask<IPacketConnection> OpenPacketAsync(Destination destination, SessionContext session, CancellationToken cancellationToken);

    /// <summary>
    /// Copies both directions between <paramref name="client"/> and <paramref name="upstream"/> until both are
    /// done, with half-close and the session level's policy timeouts. Does not dispose either connection.
    /// </summary>
    ValueTask RelayAsync(IConnection client, IConnection upstream, SessionContext session, CancellationToken cancellationToken);

    /// <summary>Connects and relays in one step (for inbounds that answer before connecting).</summary>
    ValueTask DispatchAsync(Destination destination, IConnection client, SessionContext session, CancellationToken cancellationToken);
}
