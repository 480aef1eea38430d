using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Abstractions.Transport;

/// <summary>Opens connections to a peer over one configured transport.</summary>
public interface ITransportDialer
{
    /// <summary>Connects to <paramref name="destination"/> and completes the transport handshake.</summary>
    /// <exception cref="VMessPlugins.Abstractions.Proxy.ProxyException">The peer could not be reached.</exception>
    ValueTask<IConnection> DialAsync(Destination destination, CancellationToken cancellationToken);
}
