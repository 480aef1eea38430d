using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

internal sealed partial class SocksInbound
{
    private async ValueTask RunUdpAssociationAsync(IConnection client, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (!settings.UdpEnabled)
        {
            await WriteSocks5FailureAsync(client.Stream, 0x07, cancellationToken).ConfigureAwait(false);
            throw new ProxyException("UDP ASSOCIATE is refused: this socks inbound has \"udp\": false");
        }

        var local = (session.Local ?? client.LocalEndPoint) as IPEndPoint;
        var bindAddress = local?.Address ?? IPAddress.Loopback;
        if (bindAddress.IsIPv4MappedToIPv6)
        {
            bindAddress = bindAddress.MapToIPv4();
        }

        Socket udp;
        try
        {
            udp = new Socket(bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(bindAddress, 0));
        }
        catch (SocketException e)
        {
            await WriteSocks5FailureAsync(client.Stream, 0x01, cancellationToken).ConfigureAwait(false);
            throw new ProxyException($"cannot bind a UDP relay on {bindAddress}: {e.SocketErrorCode}", e);
        }

        using (udp)
        {
            var bound = (IPEndPoint)udp.LocalEndPoint!;
            var announced = new SocksRequest(SocksCommand.UdpAssociate, default, IsSocks4: false);
            await WriteConnectReplyAsync(client.Stream, announced, 0x00, new IPEndPoint(settings.UdpReplyAddress ?? bound.Address, bound.Port), cancellationToken)
                .ConfigureAwait(false);
            LogUdpAssociation(logger, session.Id, tag, bound);

            var clientAddress = (session.Source ?? client.RemoteEndPoint) as IPEndPoint;
            var relay = new SocksUdpRelay(udp, clientAddress?.Address, session, dispatcher, Policy(session).ConnectionIdle, logger);
            await relay.RunAsync(client.Stream, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "[{SessionId}] socks {Tag} UDP association relaying on {Bound}")]
    private static partial void LogUdpAssociation(ILogger logger, long sessionId, string tag, IPEndPoint bound);
}
