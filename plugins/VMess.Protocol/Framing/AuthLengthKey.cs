using System.Security.Cryptography;
using System.Text;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>
/// KDF16(body key, "auth_len") with the VMess AEAD KDF (PROTOCOL.md 4.1) for its one-label case:
/// HMAC with key "auth_len" whose hash is HMAC-SHA256 keyed "VMess AEAD KDF".
/// </summary>
internal static class AuthLengthKey
{
    private const int BlockSize = 64;
    private static readonly byte[] s_root = Encoding.ASCII.GetBytes("VMess AEAD KDF");
    private static readonly byte[] s_label = Encoding.ASCII.GetBytes("auth_len");

    public static void Derive(ReadOnlySpan<byte> bodyKey, Span<byte> key16)
    {
        Span<byte> inner = stackalloc byte[BlockSize + 64];
        Span<byte> outer = stackalloc byte[BlockSize + 32];
        Span<byte> digest = stackalloc byte[32];
        inner.Clear();
        outer.Clear();
        s_label.CopyTo(inner);
        s_label.CopyTo(outer);
        for (var i = 0; i < BlockSize; i++)
        {
            inner[i] ^= 0x36;
            outer[i] ^= 0x5c;
        }

        bodyKey.CopyTo(inner[BlockSize..]);
        HMACSHA256.HashData(s_root, inner[..(BlockSize + bodyKey.Length)], digest);
        digest.CopyTo(outer[BlockSize..]);
        HMACSHA256.HashData(s_root, outer, digest);
        digest[..16].CopyTo(key16);
        CryptographicOperations.ZeroMemory(digest);
    }
}
