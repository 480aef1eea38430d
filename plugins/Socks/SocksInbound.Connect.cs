using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

internal sealed partial class SocksInbound
{
    private async ValueTask ConnectAndRelayAsync(
        IConnection client, SocksRequest request, SessionContext session, IDispatcher dispatcher, CancellationToken cancellationToken)
    {
        IConnection upstream;
        try
        {
            upstream = await dispatcher.ConnectAsync(request.Destination, session, cancellationToken).ConfigureAwait(false);
        }
        catch (ProxyException e)
        {
            await WriteConnectReplyAsync(client.Stream, request, ReplyCodeFor(e), null, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await using (upstream.ConfigureAwait(false))
        {
            await WriteConnectReplyAsync(client.Stream, request, 0x00, upstream.LocalEndPoint as IPEndPoint, cancellationToken).ConfigureAwait(false);
            await dispatcher.RelayAsync(client, upstream, session, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Maps a failed connect to RFC 1928's REP: 0x04 host unreachable, 0x05 refused, else 0x01.</summary>
    internal static byte ReplyCodeFor(Exception failure)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is SocketException socketError)
            {
                return socketError.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => 0x05,
                    SocketError.HostUnreachable or SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => 0x04,
                    SocketError.NetworkUnreachable or SocketError.NetworkDown => 0x03,
                    SocketError.TimedOut => 0x06,
                    _ => 0x01,
                };
            }
        }

        return 0x01;
    }

    private static async ValueTask WriteConnectReplyAsync(
        Stream stream, SocksRequest request, byte code, IPEndPoint? bound, CancellationToken cancellationToken)
    {
        try
        {
            var reply = new byte[request.IsSocks4 ? 8 : 4 + SocksWire.MaxAddressLength];
            int length;
            if (request.IsSocks4)
            {
                reply[1] = code == 0x00 ? (byte)0x5A : (byte)0x5B;
                length = 8;
            }
            else
            {
                reply[0] = 0x05;
                reply[1] = code;
                var address = bound is null ? Address.FromIp(IPAddress.Any) : Address.FromIp(bound.Address);
                length = 3 + SocksWire.WriteAddress(reply.AsSpan(3), address, (ushort)(bound?.Port ?? 0));
            }

            await stream.WriteAsync(reply.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (code != 0x00)
        {
            // The client left before hearing the failure; the failure itself is what gets logged.
        }
        catch (IOException e)
        {
            throw new ProxyException("the client closed the connection before the SOCKS reply", e);
        }
    }
}
