using System.Buffers.Binary;
using System.Net;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.VMess.Protocol.Header;

public static partial class VMessRequestHeaderCodec
{
    /// <summary>
    /// Decodes the header at the start of <paramref name="input"/> into <paramref name="request"/> (version, keys, V,
    /// options, padding length, security, command, destination). Security 0 is normalised to 1 (both mean legacy).
    /// Never throws on any input: bad fields give <see cref="PlaintextDecodeStatus.Invalid"/> with a reason.
    /// </summary>
    public static PlaintextDecodeResult Decode(ReadOnlySpan<byte> input, VMessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (input.Length < FixedLength)
        {
            return PlaintextDecodeResult.NeedMore(FixedLength);
        }

        var options = (VMessRequestOptions)input[34];
        var paddingLength = input[35] >> 4;
        var security = (byte)(input[35] & 0x0f);
        var command = (VMessCommand)input[37];
        var fieldError = CheckFields(options, security, command);
        if (fieldError is not null)
        {
            return PlaintextDecodeResult.Invalid(fieldError);
        }

        var position = FixedLength;
        Destination destination;
        if (command == VMessCommand.Mux)
        {
            destination = Destination.Tcp(Address.FromDomain(MuxDomain), 0);
        }
        else
        {
            var address = ReadDestination(input, ref position, command, out destination);
            if (address.Status != PlaintextDecodeStatus.Decoded)
            {
                return address;
            }
        }

        var end = position + paddingLength + ChecksumLength;
        if (input.Length < end)
        {
            return PlaintextDecodeResult.NeedMore(end);
        }

        var expected = BinaryPrimitives.ReadUInt32BigEndian(input[(end - ChecksumLength)..]);
        if (Fnv1a.Hash(input[..(end - ChecksumLength)]) != expected)
        {
            return PlaintextDecodeResult.Invalid("request header checksum (FNV-1a) mismatch");
        }

        request.Version = input[0];
        request.BodyIV = input.Slice(1, 16).ToArray();
        request.BodyKey = input.Slice(17, 16).ToArray();
        request.ResponseAuth = input[33];
        request.Options = options;
        request.PaddingLength = paddingLength;
        request.Security = security == 0 ? (byte)1 : security;
        request.Command = command;
        request.Destination = destination;
        return PlaintextDecodeResult.Decoded(end);
    }

    private static string? CheckFields(VMessRequestOptions options, byte security, VMessCommand command)
    {
        if (security is 2 or > 5)
        {
            return $"unknown security type {security}";
        }

        if (command is not (VMessCommand.Tcp or VMessCommand.Udp or VMessCommand.Mux))
        {
            return $"unknown command {(byte)command}";
        }

        if (options.HasFlag(VMessRequestOptions.GlobalPadding) && !options.HasFlag(VMessRequestOptions.ChunkMasking))
        {
            return "option GlobalPadding (0x08) requires ChunkMasking (0x04)";
        }

        return null;
    }

    private static PlaintextDecodeResult ReadDestination(
        ReadOnlySpan<byte> input, ref int position, VMessCommand command, out Destination destination)
    {
        destination = default;
        if (input.Length < position + 4)
        {
            return PlaintextDecodeResult.NeedMore(position + 4);
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(input[position..]);
        var type = input[position + 2];
        position += 3;
        int addressLength = type switch
        {
            VMessAddressType.IPv4 => 4,
            VMessAddressType.IPv6 => 16,
            VMessAddressType.Domain => 1 + input[position],
            _ => -1,
        };
        if (addressLength < 0)
        {
            return PlaintextDecodeResult.Invalid($"unknown address type {type}");
        }

        if (input.Length < position + addressLength)
        {
            return PlaintextDecodeResult.NeedMore(position + addressLength);
        }

        var field = input.Slice(position, addressLength);
        position += addressLength;
        Address? address = type == VMessAddressType.Domain ? ParseDomain(field[1..]) : Address.FromIp(new IPAddress(field));
        if (address is null)
        {
            return PlaintextDecodeResult.Invalid("invalid domain name in the request header");
        }

        if (port == 0)
        {
            return PlaintextDecodeResult.Invalid("destination port 0");
        }

        destination = new Destination(address, port, command == VMessCommand.Udp ? Network.Udp : Network.Tcp);
        return PlaintextDecodeResult.Decoded(position);
    }

    // Like v2ray: a name starting with a digit or '[' that parses as an IP literal is that IP;
    // otherwise only letters, digits, '.', '_' and '-' are allowed.
    private static Address? ParseDomain(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return null;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)c) || c is (byte)'.' or (byte)'_' or (byte)'-' or (byte)'[' or (byte)']' or (byte)':'))
            {
                return null;
            }
        }

        var text = System.Text.Encoding.ASCII.GetString(name);
        if (char.IsAsciiDigit(text[0]) || text[0] == '[')
        {
            var literal = text[0] == '[' && text.Length > 2 && text[^1] == ']' ? text[1..^1] : text;
            if ((literal.Contains(':') || literal.Count(c => c == '.') == 3) && IPAddress.TryParse(literal, out var ip))
            {
                return Address.FromIp(ip);
            }
        }

        return text.AsSpan().IndexOfAny("[]:") >= 0 ? null : Address.FromDomain(text);
    }
}
