using System.Net;
using VMessPlugins.Abstractions.Connections;

namespace VMessPlugins.Abstractions.Transport;

/// <summary>Accepts client connections on one endpoint.</summary>
public interface ITransportListener : IAsyncDisposable
{
    /// <summary>Binds and starts listening.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The address is in use or not available.</exception>
    void Start();

    /// <summary>The bound endpoint (valid after <see cref="Start"/>).</summary>
    EndPoint LocalEndPoint { get; }

    /// <summary>
    /// Waits for the next connection whose transport handshake (TLS, WebSocket upgrade) completed. A
    /// connection that fails its handshake is logged and dropped inside the listener, not thrown here.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled or the listener disposed.</exception>
    ValueTask<IConnection> AcceptAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stops taking connections and frees the endpoint before it returns, but keeps the connections the
    /// system had already queued for it (a reload that replaces an inbound on the same port would otherwise
    /// reset them): <see cref="AcceptAsync"/> goes on returning those, then throws
    /// <see cref="OperationCanceledException"/>. The default closes at once, and queued connections are reset.
    /// </summary>
    ValueTask StopAcceptingAsync() => DisposeAsync();
}
