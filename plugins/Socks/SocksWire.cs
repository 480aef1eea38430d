using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.Proxy;

namespace VMessPlugins.Plugins.Socks;

/// <summary>SOCKS5 address encoding (ATYP, address, port) and exact reads.</summary>
internal static class SocksWire
{
    public const byte AtypIPv4 = 0x01;
    public const byte AtypDomain = 0x03;
    public const byte AtypIPv6 = 0x04;

    /// <summary>The longest encoded address: ATYP + length + 255-byte domain + port.</summary>
    public const int MaxAddressLength = 1 + 1 + 255 + 2;

    /// <summary>Reads exactly <paramref name="count"/> bytes into the start of <paramref name="buffer"/>.</summary>
    public static async ValueTask ReadExactlyAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new ProxyException("the client closed the connection in the middle of the SOCKS handshake", e);
        }
    }

    /// <summary>Reads ATYP-tagged address and port from <paramref name="stream"/>.</summary>
    public static async ValueTask<Destination> ReadAddressAsync(Stream stream, byte[] buffer, Network network, CancellationToken cancellationToken)
    {
        await ReadExactlyAsync(stream, buffer, 1, cancellationToken).ConfigureAwait(false);
        var atyp = buffer[0];
        var length = atyp switch
        {
            AtypIPv4 => 4,
            AtypIPv6 => 16,
            AtypDomain => await ReadDomainLengthAsync(stream, buffer, cancellationToken).ConfigureAwait(false),
            _ => throw new SocksReplyException(0x08, $"unknown SOCKS address type 0x{atyp:x2}"),
        };
        await ReadExactlyAsync(stream, buffer, length + 2, cancellationToken).ConfigureAwait(false);
        var address = DecodeAddress(atyp, buffer.AsSpan(0, length));
        return new Destination(address, BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(length)), network);
    }

    /// <summary>Parses ATYP, address and port at the start of <paramref name="data"/>; returns false when malformed.</summary>
    public static bool TryParseAddress(ReadOnlySpan<byte> data, Network network, out Destination destination, out int consumed)
    {
        destination = default;
        consumed = 0;
        if (data.IsEmpty)
        {
            return false;
        }

        var (offset, length) = data[0] switch
        {
            AtypIPv4 => (1, 4),
            AtypIPv6 => (1, 16),
            AtypDomain when data.Length > 1 && data[1] > 0 => (2, (int)data[1]),
            _ => (0, -1),
        };
        if (length < 0 || data.Length < offset + length + 2)
        {
            return false;
        }

        destination = new Destination(DecodeAddress(data[0], data.Slice(offset, length)), BinaryPrimitives.ReadUInt16BigEndian(data[(offset + length)..]), network);
        consumed = offset + length + 2;
        return true;
    }

    /// <summary>Writes ATYP, address and port; returns the bytes written.</summary>
    public static int WriteAddress(Span<byte> target, Address address, ushort port)
    {
        int written;
        if (address.Ip is { } ip)
        {
            target[0] = ip.AddressFamily == AddressFamily.InterNetwork ? AtypIPv4 : AtypIPv6;
            ip.TryWriteBytes(target[1..], out written);
            written += 1;
        }
        else
        {
            target[0] = AtypDomain;
            written = 2 + Encoding.ASCII.GetBytes(address.Domain!, target[2..]);
            target[1] = (byte)(written - 2);
        }

        BinaryPrimitives.WriteUInt16BigEndian(target[written..], port);
        return written + 2;
    }

    /// <summary>How many bytes <see cref="WriteAddress"/> will write.</summary>
    public static int AddressLength(Address address) => address.Kind switch
    {
        AddressKind.IPv4 => 1 + 4 + 2,
        AddressKind.IPv6 => 1 + 16 + 2,
        _ => 2 + Encoding.ASCII.GetByteCount(address.Domain!) + 2,
    };

    private static async ValueTask<int> ReadDomainLengthAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        await ReadExactlyAsync(stream, buffer, 1, cancellationToken).ConfigureAwait(false);
        return buffer[0] > 0 ? buffer[0] : throw new SocksReplyException(0x01, "empty domain name in the SOCKS request");
    }

    private static Address DecodeAddress(byte atyp, ReadOnlySpan<byte> bytes) => atyp == AtypDomain
        ? Address.Parse(Encoding.ASCII.GetString(bytes))
        : Address.FromIp(new IPAddress(bytes));
}
