using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace VMessPlugins.TestKit;

/// <summary>SOCKS5's ATYP + address + port encoding, for the test clients.</summary>
public static class Socks5Address
{
    /// <summary>Appends <paramref name="host"/> (IP literal or domain) and <paramref name="port"/>.</summary>
    public static void Append(List<byte> target, string host, ushort port)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            target.Add(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? (byte)0x01 : (byte)0x04);
            target.AddRange(ip.GetAddressBytes());
        }
        else
        {
            var name = Encoding.ASCII.GetBytes(host);
            target.Add(0x03);
            target.Add((byte)name.Length);
            target.AddRange(name);
        }

        target.Add((byte)(port >> 8));
        target.Add((byte)port);
    }

    /// <summary>Reads an address of type <paramref name="type"/> and its port from <paramref name="stream"/>.</summary>
    public static async Task<(string Host, ushort Port)> ReadAsync(Stream stream, byte type, CancellationToken cancellationToken)
    {
        int length = type switch
        {
            0x01 => 4,
            0x04 => 16,
            0x03 => await ReadByteAsync(stream, cancellationToken).ConfigureAwait(false),
            _ => throw new IOException($"Unknown address type 0x{type:x2} in a SOCKS5 reply."),
        };
        var bytes = new byte[length + 2];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return (Decode(type, bytes.AsSpan(0, length)), BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(length)));
    }

    /// <summary>Parses ATYP + address + port at the start of <paramref name="data"/>; returns the bytes used.</summary>
    public static int Parse(ReadOnlySpan<byte> data, out string host, out ushort port)
    {
        var (offset, length) = data[0] switch
        {
            0x01 => (1, 4),
            0x04 => (1, 16),
            0x03 => (2, (int)data[1]),
            _ => throw new IOException($"Unknown address type 0x{data[0]:x2}."),
        };
        host = Decode(data[0], data.Slice(offset, length));
        port = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + length)..]);
        return offset + length + 2;
    }

    private static string Decode(byte type, ReadOnlySpan<byte> address) =>
        type == 0x03 ? Encoding.ASCII.GetString(address) : new IPAddress(address).ToString();

    private static async Task<int> ReadByteAsync(Stream stream, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await stream.ReadExactlyAsync(one, cancellationToken).ConfigureAwait(false);
        return one[0];
    }
}
