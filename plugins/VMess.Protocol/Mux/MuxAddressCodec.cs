using System.Buffers.Binary;
using System.Net;
using System.Text;
using VMessPlugins.Abstractions.Net;

namespace VMessPlugins.VMess.Protocol.Mux;

/// <summary>
/// Port then address, with VMess's address types (1 IPv4, 2 domain, 3 IPv6), as Mux.Cool New frames carry them.
/// Domains follow v2ray's rules: an IP literal (starting with a digit or '[') becomes that IP; otherwise only
/// [0-9A-Za-z._-] are allowed.
/// </summary>
internal static class MuxAddressCodec
{
    public const byte TypeIPv4 = 0x01;
    public const byte TypeDomain = 0x02;
    public const byte TypeIPv6 = 0x03;

    public static int GetLength(Address address) => 2 + 1 + address.Kind switch
    {
        AddressKind.IPv4 => 4,
        AddressKind.IPv6 => 16,
        _ => 1 + address.Domain!.Length,
    };

    public static int Write(Span<byte> destination, Address address, ushort port)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, port);
        switch (address.Kind)
        {
            case AddressKind.IPv4:
                destination[2] = TypeIPv4;
                address.Ip!.TryWriteBytes(destination.Slice(3, 4), out _);
                return 7;
            case AddressKind.IPv6:
                destination[2] = TypeIPv6;
                address.Ip!.TryWriteBytes(destination.Slice(3, 16), out _);
                return 19;
            default:
                var domain = address.Domain!;
                if (domain.Length > 255 || !Ascii.IsValid(domain))
                {
                    throw new ArgumentException("A mux domain has 1 to 255 ASCII characters.", nameof(address));
                }

                destination[2] = TypeDomain;
                destination[3] = (byte)Encoding.ASCII.GetBytes(domain, destination[4..]);
                return 4 + domain.Length;
        }
    }

    /// <summary>Reads port and address; returns null with a v2ray-like reason when they are malformed.</summary>
    public static (Address Address, ushort Port)? Read(ReadOnlySpan<byte> input, out string? error)
    {
        error = null;
        if (input.Length < 4)
        {
            error = $"insufficient buffer: {input.Length}";
            return null;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(input);
        var type = input[2];
        var rest = input[3..];
        switch (type)
        {
            case TypeIPv4 when rest.Length >= 4:
                return (Address.FromIp(new IPAddress(rest[..4])), port);
            case TypeIPv6 when rest.Length >= 16:
                return (Address.FromIp(new IPAddress(rest[..16])), port);
            case TypeDomain when rest.Length >= 1 && rest.Length >= 1 + rest[0]:
                var address = ParseDomain(rest.Slice(1, rest[0]));
                if (address is null)
                {
                    error = $"invalid domain name: {Encoding.ASCII.GetString(rest.Slice(1, rest[0]))}";
                    return null;
                }

                return (address, port);
            case TypeIPv4 or TypeIPv6 or TypeDomain:
                error = "failed to parse address and port: short metadata";
                return null;
            default:
                error = $"unknown address type: {type}";
                return null;
        }
    }

    private static Address? ParseDomain(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return null;
        }

        if (char.IsAsciiDigit((char)name[0]) || name[0] == (byte)'[')
        {
            var text = Encoding.ASCII.GetString(name);
            var literal = text.Length > 2 && text[0] == '[' && text[^1] == ']' ? text[1..^1] : text;
            if ((literal.Contains(':') || literal.Count(c => c == '.') == 3) && IPAddress.TryParse(literal, out var ip))
            {
                return Address.FromIp(ip);
            }
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || c is (byte)'.' or (byte)'_' or (byte)'-'))
            {
                return null;
            }
        }

        return Address.FromDomain(Encoding.ASCII.GetString(name));
    }
}
