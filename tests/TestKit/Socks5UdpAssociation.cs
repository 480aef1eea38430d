using System.Net;
using System.Net.Sockets;

namespace VMessPlugins.TestKit;

/// <summary>A SOCKS5 UDP ASSOCIATE session: the TCP control connection plus the client's UDP socket.</summary>
public sealed class Socks5UdpAssociation : IAsyncDisposable
{
    private readonly NetworkStream _control;
    private readonly Socket _udp;

    private Socks5UdpAssociation(NetworkStream control, Socket udp, IPEndPoint relay)
    {
        _control = control;
        _udp = udp;
        RelayEndPoint = relay;
    }

    /// <summary>Where the proxy relays datagrams (from its reply).</summary>
    public IPEndPoint RelayEndPoint { get; }

    /// <summary>The client's own UDP endpoint.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_udp.LocalEndPoint!;

    /// <summary>Opens the association through <paramref name="proxy"/>.</summary>
    public static async Task<Socks5UdpAssociation> OpenAsync(
        IPEndPoint proxy, (string User, string Pass)? credentials = null, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(proxy.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(proxy, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var control = new NetworkStream(socket, ownsSocket: true);
        var udp = new Socket(proxy.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            udp.Bind(new IPEndPoint(proxy.Address, 0));
            await Socks5Client.NegotiateAsync(control, credentials, cancellationToken).ConfigureAwait(false);
            var local = (IPEndPoint)udp.LocalEndPoint!;
            var (host, port) = await Socks5Client.RequestAsync(control, 0x03, local.Address.ToString(), (ushort)local.Port, cancellationToken).ConfigureAwait(false);
            var relayAddress = IPAddress.Parse(host);
            if (relayAddress.Equals(IPAddress.Any) || relayAddress.Equals(IPAddress.IPv6Any))
            {
                relayAddress = proxy.Address;
            }

            return new Socks5UdpAssociation(control, udp, new IPEndPoint(relayAddress, port));
        }
        catch
        {
            udp.Dispose();
            await control.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends <paramref name="payload"/> to <paramref name="host"/>:<paramref name="port"/> through the relay.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> payload, string host, ushort port, CancellationToken cancellationToken = default)
    {
        var datagram = new List<byte>(payload.Length + 32) { 0x00, 0x00, 0x00 };
        Socks5Address.Append(datagram, host, port);
        datagram.AddRange(payload.Span);
        await _udp.SendToAsync(datagram.ToArray(), SocketFlags.None, RelayEndPoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a raw datagram (header included) to the relay, for malformed-input tests.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken = default) =>
        await _udp.SendToAsync(datagram, SocketFlags.None, RelayEndPoint, cancellationToken).ConfigureAwait(false);

    /// <summary>Receives one answer; returns its payload and the source the relay reported.</summary>
    /// <exception cref="OperationCanceledException">Nothing arrived before <paramref name="cancellationToken"/> fired.</exception>
    public async Task<(byte[] Payload, string Host, ushort Port)> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        var length = await _udp.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (length < 4 || buffer[2] != 0)
        {
            throw new IOException("The relay sent a datagram without a valid SOCKS5 UDP header.");
        }

        var used = 3 + Socks5Address.Parse(buffer.AsSpan(3, length - 3), out var host, out var port);
        return (buffer[used..length], host, port);
    }

    /// <summary>Closes the control connection (which ends the association) and the UDP socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _control.DisposeAsync().ConfigureAwait(false);
        _udp.Dispose();
    }
}
