using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace VMessPlugins.Plugins.VMess.Outbound;

/// <summary>The security names V2Ray knows and the plugins that provide them (for helpful errors).</summary>
internal static class SecurityNames
{
    public static FrozenDictionary<string, string> KnownPlugins { get; } = new Dictionary<string, string>
    {
        ["aes-128-gcm"] = "Cipher.Aes128Gcm",
        ["chacha20-poly1305"] = "Cipher.ChaCha20Poly1305",
        ["none"] = "Cipher.None",
        ["zero"] = "Cipher.Zero",
        ["aes-128-cfb"] = "Cipher.Aes128Cfb",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>What "auto" means here: AES-GCM where AES is fast in hardware, else ChaCha20.</summary>
    public static string Auto => RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64 or Architecture.S390x
        ? "aes-128-gcm"
        : "chacha20-poly1305";
}
