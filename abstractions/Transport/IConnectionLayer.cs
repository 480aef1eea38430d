using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.Abstractions.Transport;

/// <summary>Wraps a raw connection in a security layer.</summary>
public interface IConnectionLayer
{
    /// <summary>Runs the server side of the layer's handshake over <paramref name="inner"/>.</summary>
    ValueTask<IConnection> WrapServerAsync(IConnection inner, CancellationToken cancellationToken);

    /// <summary>Runs the client side of the handshake; <paramref name="destination"/> gives the default server name.</summary>
    ValueTask<IConnection> WrapClientAsync(IConnection inner, Destination destination, CancellationToken cancellationToken);
}
