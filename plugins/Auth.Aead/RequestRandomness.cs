using System.Security.Cryptography;

namespace VMessPlugins.Plugins.Auth.Aead;

/// <summary>The random inputs of one AEAD request header (a seam so tests can replay the vectors' values).</summary>
/// <param name="UnixTime">The AuthID time: the client's clock, no jitter.</param>
/// <param name="AuthIdRandom">4 random AuthID bytes.</param>
/// <param name="Nonce">The 8-byte connection nonce.</param>
/// <param name="Padding">The header padding (0-15 bytes).</param>
internal sealed record RequestRandomness(long UnixTime, byte[] AuthIdRandom, byte[] Nonce, byte[] Padding)
{
    public static RequestRandomness Draw(TimeProvider clock)
    {
        var padding = new byte[RandomNumberGenerator.GetInt32(16)];
        RandomNumberGenerator.Fill(padding);
        return new RequestRandomness(
            clock.GetUtcNow().ToUnixTimeSeconds(),
            RandomNumberGenerator.GetBytes(4),
            RandomNumberGenerator.GetBytes(AeadFormat.NonceSize),
            padding);
    }
}
