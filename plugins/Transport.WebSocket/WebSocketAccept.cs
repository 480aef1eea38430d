using System.Security.Cryptography;
using System.Text;

namespace VMessPlugins.Plugins.Transport.WebSocket;

/// <summary>The RFC 6455 key/accept pair.</summary>
internal static class WebSocketAccept
{
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>A fresh Sec-WebSocket-Key: base64 of 16 random bytes.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>True when <paramref name="key"/> is base64 of exactly 16 bytes.</summary>
    public static bool IsValidKey(string? key)
    {
        Span<byte> decoded = stackalloc byte[18];
        return key is not null && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }

    /// <summary>The Sec-WebSocket-Accept value for <paramref name="key"/>.</summary>
    public static string For(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Guid)));
}
