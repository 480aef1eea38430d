using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Transport;

namespace XorTransportPlugin;

/// <summary>
/// Accepts TCP and returns XOR connections. Kept short for the guide: the security handshake runs inline,
/// so a real plugin should run it on its own task with a timeout (see the guide).
/// </summary>
internal sealed class XorTransportListener(TransportEndpoint endpoint, byte key, IConnectionLayer? securityLayer) : ITransportListener
{
    private readonly Socket _socket = new(endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

    public EndPoint LocalEndPoint => _socket.LocalEndPoint ?? endpoint.ToIPEndPoint();

    public void Start()
    {
        _socket.Bind(endpoint.ToIPEndPoint());
        _socket.Listen(128);
    }

    public async ValueTask<IConnection> AcceptAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException { SocketErrorCode: SocketError.OperationAborted })
            {
                throw new OperationCanceledException("The listener was stopped.", ex);
            }

            client.NoDelay = true;
            IConnection connection = new TcpSocketConnection(client);
            if (securityLayer is null)
            {
                return new XorConnection(connection, key);
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                return new XorConnection(await securityLayer.WrapServerAsync(connection, timeout.Token).ConfigureAwait(false), key);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A failed handshake drops that client only; the contract says never to throw it here.
                connection.Abort();
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
