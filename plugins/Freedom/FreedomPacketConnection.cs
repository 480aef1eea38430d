using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using VMessPlugins.Abstractions.Connections;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Freedom;

/// <summary>
/// One UDP socket (dual-mode where IPv6 exists) for a whole association: each datagram goes to its own
/// destination, answers come back with their source. Socket addresses are cached so steady traffic
/// to the same peers allocates nothing per datagram.
/// </summary>
internal sealed class FreedomPacketConnection : IPacketConnection
{
    private const int MaxCachedPeers = 1024;
    private readonly FreedomOutbound _outbound;
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<Destination, SocketAddress> _sendAddresses = new();
    private readonly ConcurrentDictionary<string, Address> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly SocketAddress _receiveAddress;
    private readonly IPEndPoint _endPointFactory;
    private SocketAddress? _lastSourceAddress;
    private Destination _lastSource;
    private int _disposed;

    public FreedomPacketConnection(FreedomOutbound outbound)
    {
        _outbound = outbound;
        if (Socket.OSSupportsIPv6)
        {
            _socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true };
            _socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        }
        else
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        }

        _endPointFactory = (IPEndPoint)_socket.LocalEndPoint!;
        _receiveAddress = new SocketAddress(_socket.AddressFamily);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, Destination destination, CancellationToken cancellationToken)
    {
        if (!_sendAddresses.TryGetValue(destination, out var address))
        {
            address = await ResolveSocketAddressAsync(destination, cancellationToken).ConfigureAwait(false);
            if (_sendAddresses.Count >= MaxCachedPeers)
            {
                _sendAddresses.Clear();
            }

            _sendAddresses[destination] = address;
        }

        try
        {
            await _socket.SendToAsync(datagram, SocketFlags.None, address, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            // One undeliverable datagram (no route, message too long) does not end the association.
            throw new ProxyException($"cannot send a datagram to {destination}: {e.SocketErrorCode}", e);
        }
    }

    public async ValueTask<ReceivedPacket> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _receiveAddress, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
            {
                // An ICMP "port unreachable" for an earlier send: not the end of the association.
                continue;
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException && Volatile.Read(ref _disposed) != 0)
            {
                return ReceivedPacket.Completed;
            }

            return new ReceivedPacket(length, SourceOf(_receiveAddress));
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    // Answers mostly come from the peer of the previous one: reuse its Destination instead of decoding again.
    private Destination SourceOf(SocketAddress received)
    {
        if (_lastSourceAddress is not null && _lastSourceAddress.Equals(received))
        {
            return _lastSource;
        }

        var endPoint = (IPEndPoint)_endPointFactory.Create(received);
        _lastSourceAddress = new SocketAddress(received.Family, received.Size);
        received.Buffer.CopyTo(_lastSourceAddress.Buffer);
        _lastSource = Destination.Udp(Address.FromIp(endPoint.Address), (ushort)endPoint.Port);
        return _lastSource;
    }

    private async ValueTask<SocketAddress> ResolveSocketAddressAsync(Destination destination, CancellationToken cancellationToken)
    {
        var target = _outbound.Settings.Redirect(destination);
        var address = target.Address;
        if (address.Kind == AddressKind.Domain)
        {
            if (!_resolved.TryGetValue(address.Domain!, out var resolved))
            {
                resolved = await _outbound.ResolveAsync(address.Domain!, _outbound.Settings.DomainStrategy, preferIPv4: true, cancellationToken).ConfigureAwait(false);
                _resolved[address.Domain!] = resolved;
            }

            address = resolved;
        }

        var ip = address.Ip!;
        if (_socket.AddressFamily == AddressFamily.InterNetworkV6 && ip.AddressFamily == AddressFamily.InterNetwork)
        {
            ip = ip.MapToIPv6();
        }
        else if (_socket.AddressFamily == AddressFamily.InterNetwork && ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            throw new ProxyException($"cannot send to {target}: this system has no IPv6");
        }

        return new IPEndPoint(ip, target.Port).Serialize();
    }
}
