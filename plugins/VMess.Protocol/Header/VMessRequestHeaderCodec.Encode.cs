using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using VMessPlugins.Abstractions.Net;
using VMessPlugins.Abstractions.VMess;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.VMess.Protocol.Header;

public static partial class VMessRequestHeaderCodec
{
    /// <summary>The exact encoded length of <paramref name="request"/>.</summary>
    public static int GetLength(VMessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FixedLength + AddressPartLength(request) + request.PaddingLength + ChecksumLength;
    }

    /// <summary>Encodes <paramref name="request"/>, filling its padding from a CSPRNG; returns the length written.</summary>
    public static int Encode(VMessRequest request, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidatePadding(request.PaddingLength);
        Span<byte> padding = stackalloc byte[request.PaddingLength];
        RandomNumberGenerator.Fill(padding);
        return Encode(request, padding, destination);
    }

    /// <summary>Encodes <paramref name="request"/> with the given padding bytes (their count must equal PaddingLength).</summary>
    public static int Encode(VMessRequest request, ReadOnlySpan<byte> padding, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidatePadding(request.PaddingLength);
        if (padding.Length != request.PaddingLength)
        {
            throw new ArgumentException("The padding must have PaddingLength bytes.", nameof(padding));
        }

        if (request.BodyIV.Length != 16 || request.BodyKey.Length != 16)
        {
            throw new ArgumentException("The body key and IV have 16 bytes each.", nameof(request));
        }

        var length = GetLength(request);
        if (destination.Length < length)
        {
            throw new ArgumentException("The destination is too small for the request header.", nameof(destination));
        }

        destination[0] = request.Version;
        request.BodyIV.CopyTo(destination[1..]);
        request.BodyKey.CopyTo(destination[17..]);
        destination[33] = request.ResponseAuth;
        destination[34] = (byte)request.Options;
        destination[35] = (byte)((request.PaddingLength << 4) | (request.Security & 0x0f));
        destination[36] = 0;
        destination[37] = (byte)request.Command;
        var position = FixedLength;
        if (request.Command != VMessCommand.Mux)
        {
            position += WriteDestination(request.Destination, destination[position..]);
        }

        padding.CopyTo(destination[position..]);
        position += padding.Length;
        BinaryPrimitives.WriteUInt32BigEndian(destination[position..], Fnv1a.Hash(destination[..position]));
        return position + ChecksumLength;
    }

    private static int AddressPartLength(VMessRequest request)
    {
        if (request.Command == VMessCommand.Mux)
        {
            return 0;
        }

        var address = request.Destination.Address ?? throw new ArgumentException("The request has no destination.", nameof(request));
        return 3 + address.Kind switch
        {
            AddressKind.IPv4 => 4,
            AddressKind.IPv6 => 16,
            _ => 1 + DomainByteCount(address.Domain!),
        };
    }

    private static int WriteDestination(Destination target, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, target.Port);
        var address = target.Address;
        switch (address.Kind)
        {
            case AddressKind.IPv4:
                destination[2] = VMessAddressType.IPv4;
                address.Ip!.TryWriteBytes(destination.Slice(3, 4), out _);
                return 7;
            case AddressKind.IPv6:
                destination[2] = VMessAddressType.IPv6;
                address.Ip!.TryWriteBytes(destination.Slice(3, 16), out _);
                return 19;
            default:
                destination[2] = VMessAddressType.Domain;
                var count = Encoding.ASCII.GetBytes(address.Domain!, destination[4..]);
                destination[3] = (byte)count;
                return 4 + count;
        }
    }

    private static int DomainByteCount(string domain)
    {
        if (domain.Length is 0 or > 255 || !Ascii.IsValid(domain))
        {
            throw new ArgumentException("A VMess domain has 1 to 255 ASCII characters.", nameof(domain));
        }

        return domain.Length;
    }

    private static void ValidatePadding(int paddingLength)
    {
        if (paddingLength is < 0 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(paddingLength), "The header padding has 0 to 15 bytes.");
        }
    }
}
