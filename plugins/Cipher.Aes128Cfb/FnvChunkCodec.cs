using System.Buffers.Binary;
using VMessPlugins.Abstractions.VMess;

namespace VMessPlugins.Plugins.Cipher.Aes128Cfb;

/// <summary>The legacy chunk "seal": u32be(FNV-1a-32(data)) || data. Stateless, so one object serves both roles.</summary>
internal sealed class FnvChunkCodec : IVMessChunkSealer, IVMessChunkOpener
{
    public const int ChecksumSize = 4;

    private const uint OffsetBasis = 0x811c9dc5;
    private const uint Prime = 0x01000193;

    public static uint Hash(ReadOnlySpan<byte> data)
    {
        var hash = OffsetBasis;
        foreach (var b in data)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    public void Seal(ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        if (destination.Length < plaintext.Length + ChecksumSize)
        {
            throw new ArgumentException("The destination has no room for the checksum.", nameof(destination));
        }

        // Hash before moving: the plaintext may sit at the start of the destination.
        var checksum = Hash(plaintext);
        plaintext.CopyTo(destination[ChecksumSize..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination, checksum);
    }

    public bool TryOpen(ReadOnlySpan<byte> sealedChunk, Span<byte> plaintext)
    {
        if (sealedChunk.Length < ChecksumSize || plaintext.Length < sealedChunk.Length - ChecksumSize)
        {
            return false;
        }

        var data = sealedChunk[ChecksumSize..];
        if (Hash(data) != BinaryPrimitives.ReadUInt32BigEndian(sealedChunk))
        {
            return false;
        }

        data.CopyTo(plaintext);
        return true;
    }

    public void Dispose()
    {
    }
}
