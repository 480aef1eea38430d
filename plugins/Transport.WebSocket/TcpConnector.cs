using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>Resolves a destination and connects to the first address that answers.</summary>
internal static class TcpConnector
{
    public static async ValueTask<RawTcpConnection> ConnectAsync(Destination destination, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = destination.Address.Ip is { } ip ? [ip]
                : await Dns.GetHostAddressesAsync(destination.Address.Domain!, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            throw new ProxyException($"cannot resolve {destination.Address}: {ex.Message}", ex);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, destination.Port), cancellationToken).ConfigureAwait(false);
                return new RawTcpConnection(socket);
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

        throw new ProxyException($"cannot connect to {destination}: {last?.Message ?? "no address"}");
    }
}
