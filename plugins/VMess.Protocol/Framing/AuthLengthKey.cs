using System.Text;
using VMessPlugins.VMess.Protocol.Crypto;

namespace VMessPlugins.VMess.Protocol.Framing;

/// <summary>The key that seals size fields under option 0x10: KDF16(body key, "auth_len").</summary>
internal static class AuthLengthKey
{
    private static readonly byte[] s_label = Encoding.ASCII.GetBytes("auth_len");

    public static void Derive(ReadOnlySpan<byte> bodyKey, Span<byte> key16)
    {
        Span<byte> full = stackalloc byte[VMessKdf.OutputSize];
        VMessKdf.Derive(bodyKey, [s_label], full);
        full[..16].CopyTo(key16);
        full.Clear();
    }
}
