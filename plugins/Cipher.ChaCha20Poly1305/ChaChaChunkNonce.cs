using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VMessPlugins.Plugins.Cipher.ChaCha20Poly1305;

/// <summary>The per-chunk nonce u16be(counter) || iv[2:12] (the 16-bit counter wraps), and the key expansion.</summary>
internal struct ChaChaChunkNonce
{
    public const int Size = 12;
    public const int TagSize = 16;

    private readonly byte[] ivTail;
    private ushort counter;

    public ChaChaChunkNonce(ReadOnlySpan<byte> iv)
    {
        if (iv.Length != 16)
        {
            throw new ArgumentException("chacha20-poly1305 needs a 16-byte IV.", nameof(iv));
        }

        ivTail = iv[2..Size].ToArray();
    }

    /// <summary>The 32-byte key: MD5(key) || MD5(MD5(key)).</summary>
    public static byte[] ExpandKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != 16)
        {
            throw new ArgumentException("chacha20-poly1305 needs a 16-byte body key.", nameof(key));
        }

        var expanded = new byte[32];
        MD5.HashData(key, expanded);
        MD5.HashData(expanded.AsSpan(0, 16), expanded.AsSpan(16));
        return expanded;
    }

    /// <summary>Writes the next nonce and advances the counter.</summary>
    public void Next(Span<byte> nonce)
    {
        BinaryPrimitives.WriteUInt16BigEndian(nonce, counter);
        ivTail.CopyTo(nonce[2..]);
        counter = unchecked((ushort)(counter + 1));
    }
}
