using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;
using VMessPlugins.Abstractions.Transport;

namespace VMessPlugins.Plugins.Transport.Tcp;

internal sealed class TcpTransportDialer(IConnectionLayer? securityLayer) : ITransportDialer
{
    public async ValueTask<IConnection> DialAsync(Destination destination, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(destination, cancellationToken).ConfigureAwait(false);
        var socket = await ConnectFirstAsync(addresses, destination, cancellationToken).ConfigureAwait(false);
        var connection = new TcpConnection(socket);
        if (securityLayer is null)
        {
            return connection;
        }

        try
        {
            return await securityLayer.WrapClientAsync(connection, destination, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            connection.Abort();
            throw;
        }
    }

    private static async ValueTask<IPAddress[]> ResolveAsync(Destination destination, CancellationToken cancellationToken)
    {
        if (destination.Address.Ip is { } ip)
        {
            return [ip];
        }

        try
        {
            var found = await Dns.GetHostAddressesAsync(destination.Address.Domain!, cancellationToken).ConfigureAwait(false);
            return found.Length > 0 ? found : throw new ProxyException($"{destination.Address} has no address");
        }
        catch (SocketException ex)
        {
            throw new ProxyException($"cannot resolve {destination.Address}: {ex.Message}", ex);
        }
    }

    private static async ValueTask<Socket> ConnectFirstAsync(IPAddress[] addresses, Destination destination, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, destination.Port), cancellationToken).ConfigureAwait(false);
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new ProxyException($"cannot connect to {destination}: {last?.Message ?? "no address"}", last!);
    }
}
