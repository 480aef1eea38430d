using System.Buffers.Binary;

namespace VMessPlugins.Plugins.Cipher.Aes128Gcm;

/// <summary>The per-chunk nonce u16be(counter) || iv[2:12]; the 16-bit counter wraps like V2Ray's.</summary>
internal struct GcmChunkNonce
{
    public const int Size = 12;
    public const int TagSize = 16;

    private readonly byte[] ivTail;
    private ushort counter;

    public GcmChunkNonce(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        if (key.Length != 16 || iv.Length != 16)
        {
            throw new ArgumentException("aes-128-gcm needs a 16-byte key and a 16-byte IV.");
        }

        ivTail = iv[2..Size].ToArray();
    }

    /// <summary>Writes the next nonce and advances the counter.</summary>
    public void Next(Span<byte> nonce)
    {
        BinaryPrimitives.WriteUInt16BigEndian(nonce, counter);
        ivTail.CopyTo(nonce[2..]);
        counter = unchecked((ushort)(counter + 1));
    }
}
