using System.Security.Cryptography;

namespace VMessPlugins.VMess.Protocol.Crypto;

/// <summary>Response body key/IV from the request's (PROTOCOL.md §7): the rule follows the header format.</summary>
public static class VMessResponseKeys
{
    /// <summary>AEAD header: SHA-256(value)[0:16].</summary>
    public static byte[] ForAeadHeader(ReadOnlySpan<byte> requestValue)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(requestValue, digest);
        return digest[..16].ToArray();
    }

    /// <summary>Legacy header: MD5(value).</summary>
    public static byte[] ForLegacyHeader(ReadOnlySpan<byte> requestValue) => MD5.HashData(requestValue);
}
