using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace XorTransportPlugin;

/// <summary>TCP connect, then the security layer (if any), then XOR on top.</summary>
internal sealed class XorTransportDialer(byte key, IConnectionLayer? securityLayer) : ITransportDialer
{
    public async ValueTask<IConnection> DialAsync(Destination destination, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var host = destination.Address.ToString();
            await socket.ConnectAsync(host, destination.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new ProxyException($"cannot connect to {destination}: {ex.Message}", ex);
        }

        IConnection connection = new TcpSocketConnection(socket);
        try
        {
            if (securityLayer is not null)
            {
                connection = await securityLayer.WrapClientAsync(connection, destination, cancellationToken).ConfigureAwait(false);
            }

            return new XorConnection(connection, key);
        }
        catch
        {
            connection.Abort();
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
